using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Scheduling;

/// <summary>
/// The session page of a group clinician's working day: attendance in one step, money in context, reminders per
/// client, and a confirmation shown where the person lands. Sessions are today at 18:00 with the clock at 10:00
/// (invoiced at save) unless a test says otherwise.
/// </summary>
public abstract class SessionPageTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string PagePath(string id) => $"/Appointments/{id}";

    /// <summary>
    /// Posts one of the appointment page's forms as a signed-in browser does (the cookie, the page's antiforgery
    /// token) and follows the redirect it answers with, if any, to the page the person lands on.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string id, string handler, Dictionary<string, string> fields,
        bool htmx = false)
    {
        var page = await browser.GetStringAsync(PagePath(id), Ct);
        fields["__RequestVerificationToken"] = PageSessions.FormToken(page);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{PagePath(id)}?handler={handler}") { Content = new FormUrlEncodedContent(fields) };
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }

        var response = await browser.SendAsync(request, Ct);
        return response.StatusCode == HttpStatusCode.Redirect ? await browser.GetAsync(response.Headers.Location, Ct) : response;
    }

    private Task<HttpClient> BrowserOfAsync(BookedSession session) => app.SignInWithTheCookieAsync(session.Setup.Clinician.Email);

    private static async Task<string> NameAsync(HttpClient http, string clientId)
    {
        var client = await http.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{clientId}", Ct);
        return $"{client.Text("firstName")} {client.Text("lastName")}";
    }

    [Fact]
    public async Task DeleteThisAndAllFollowing_ShowsItsConfirmationOnTheCalendarItLandsOn_AndNeverAgain()
    {
        var series = await app.BookedAsync(SessionDay.Later, SessionKind.SeriesOccurrence);
        var unrelated = await series.Setup.BookedAsync(app.StartOf(SessionDay.Tomorrow));

        var browser = await BrowserOfAsync(series);

        var landed = await SubmitAsync(browser, series.Id, "DeleteSeries", []);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/", landed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Deleted 3 appointments.", await landed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("Deleted 3 appointments.", await browser.GetStringAsync(PagePath(unrelated.Id), Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("Deleted 3 appointments.", await browser.GetStringAsync("/", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppointmentPage_ForAnInviteeWhoseInvoiceWasVoided_SaysVoidedAndLinksTheInvoice_NotCreateAnInvoiceYes()
    {
        var session = await app.BookedAsync(SessionDay.Today);
        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "No-show", charge = 0m });
        var service = await session.Http.InvoiceOfAsync(session.Id, session.Alice, "service");

        var html = await session.Http.GetStringAsync(PagePath(session.Id), Ct);

        var row = RowOf(html, await NameAsync(session.Http, session.Alice));
        Assert.Contains($"href=\"/Billing/Invoices/{service.Text("id")}\"", row, StringComparison.Ordinal);
        Assert.Contains(">voided<", row, StringComparison.Ordinal);
        Assert.DoesNotContain(">Yes<", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Clinician")]
    [InlineData("Biller")]
    [InlineData("Administrator")]
    public async Task AppointmentPage_ListsEachInviteesInvoicesWithNumberKindStatusAndAmount_ForThoseWhoSeeMoney(string role)
    {
        var session = await app.BookedAsync(SessionDay.Today);
        var note = await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "Hospitalized overnight", charge = 35.00m });
        var viewer = role == "Clinician" ? session.Http : (await app.StaffAsync(role)).Client;

        var html = await viewer.GetStringAsync(PagePath(session.Id), Ct);

        var alice = RowOf(html, await NameAsync(session.Http, session.Alice));
        var missedId = note.Text("invoiceId");
        Assert.Contains($"href=\"/Billing/Invoices/{missedId}\">INV-{missedId[^8..].ToUpperInvariant()}</a>", alice, StringComparison.Ordinal);
        Assert.Contains("missed session", alice, StringComparison.Ordinal);
        Assert.Contains(">open<", alice, StringComparison.Ordinal);
        Assert.Contains("35.00", alice, StringComparison.Ordinal);
        var bobInvoice = await session.Http.InvoiceOfAsync(session.Id, session.Bob, "service");
        Assert.Contains($"href=\"/Billing/Invoices/{bobInvoice.Text("id")}\"", RowOf(html, await NameAsync(session.Http, session.Bob)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppointmentPage_ForABiller_ShowsTheMissedChargeButNeverTheReason()
    {
        var session = await app.BookedAsync(SessionDay.Today);
        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "Hospitalized overnight", charge = 35.00m });
        var biller = await app.StaffAsync("Biller");

        var html = await biller.Client.GetStringAsync(PagePath(session.Id), Ct);

        Assert.Contains("charge 35.00", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Hospitalized", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllAttended_MarksEveryoneStillInvited_LeavesTheMissedMissed_AndAnswersTheAppointment()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 3);
        var session = await setup.BookedAsync(app.StartOf(SessionDay.Today));
        await session.Http.MissedAsync(session.Id, setup.Members[2], new { reason = "No-show", charge = 0m });

        var response = await session.Http.PostAsync($"/api/v1/appointments/{session.Id}/attendance/all-attended", null, Ct);

        var appointment = await response.OkJsonAsync();
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(session.Id, appointment.Id());
        var statuses = appointment.GetProperty("invitees").EnumerateArray().ToDictionary(i => i.Text("clientId"), i => i.Text("status"));
        Assert.Equal(["attended", "attended", "missed"], setup.Members.Select(m => statuses[m]));
    }

    [Fact]
    public async Task AllAttended_ForASessionNotYetHeld_Is409NotYetAttendable()
    {
        var session = await app.BookedAsync(SessionDay.Tomorrow);

        await (await session.Http.PostAsync($"/api/v1/appointments/{session.Id}/attendance/all-attended", null, Ct))
            .AssertProblemAsync(HttpStatusCode.Conflict, "not-yet-attendable");

        Assert.Equal("invited", await session.Http.StatusOfAsync(session.Id, session.Alice));
    }

    [Fact]
    public async Task AllAttended_OnAnotherClinicansAppointment_Is404_AndByABiller_Is403()
    {
        var session = await app.BookedAsync(SessionDay.Today);
        var other = await app.StaffAsync("Clinician");
        var biller = await app.StaffAsync("Biller");
        var path = $"/api/v1/appointments/{session.Id}/attendance/all-attended";

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PostAsync(path, null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await biller.Client.PostAsync(path, null, Ct)).StatusCode);
        Assert.Equal("invited", await session.Http.StatusOfAsync(session.Id, session.Alice));
    }

    [Fact]
    public async Task MarkAllAttended_FromThePageWithHtmx_AnswersTheInviteeBlockAlone_WithTheNewStatuses()
    {
        var session = await app.BookedAsync(SessionDay.Today);

        var response = await SubmitAsync(await BrowserOfAsync(session), session.Id, "AllAttended", [], htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("<div id=\"attendance\"", html.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
        Assert.Contains("Marked 2 attended.", html, StringComparison.Ordinal);
        Assert.Contains("hx-swap-oob=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal("attended", await session.Http.StatusOfAsync(session.Id, session.Bob));
    }

    [Fact]
    public async Task MarkAllAttended_FromThePageWithoutScript_ReloadsThePageWithTheNotice()
    {
        var session = await app.BookedAsync(SessionDay.Today);

        var response = await SubmitAsync(await BrowserOfAsync(session), session.Id, "AllAttended", []);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<html", html, StringComparison.Ordinal);
        Assert.Contains("Marked 2 attended.", html, StringComparison.Ordinal);
        Assert.Equal("attended", await session.Http.StatusOfAsync(session.Id, session.Alice));
    }

    [Fact]
    public async Task MissedNoteForm_ExplainsTheDefaultCharge_TheClientsOwnFeeOrThePractices()
    {
        var setup = await app.ClinicianWithGroupAsync();
        var ownFee = await setup.MemberAsync(c => c with { MissedSessionFee = 45.00m });
        var session = await setup.BookedAsync(app.StartOf(SessionDay.Today));

        var html = await session.Http.GetStringAsync(PagePath(session.Id), Ct);

        Assert.Contains($"Default: {await NameAsync(session.Http, ownFee)}&#x27;s own missed-session fee of 45.00, from their billing settings.", html, StringComparison.Ordinal);
        Assert.Contains("Default: the practice&#x27;s missed-session fee of", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissedReason_OfSeveralLines_AppearsInTheClientsChart_ButNeverForABiller()
    {
        var session = await app.BookedAsync(SessionDay.Today);
        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "Called at 8:40 from the ward.\nBack next week.", charge = 0m });
        var biller = await app.StaffAsync("Biller");

        var chart = await session.Http.GetStringAsync($"/Clients/{session.Alice}", Ct);
        var billersChart = await biller.Client.GetStringAsync($"/Clients/{session.Alice}", Ct);

        Assert.Contains("Missed sessions", chart, StringComparison.Ordinal);
        Assert.Contains("Called at 8:40 from the ward.", chart, StringComparison.Ordinal);
        Assert.Contains("Back next week.", chart, StringComparison.Ordinal);
        Assert.Contains("Missed sessions", billersChart, StringComparison.Ordinal);
        Assert.DoesNotContain("from the ward", billersChart, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminders_AreGroupedPerClient_AndARemovedInviteesCancelledRemindersKeepTheirName()
    {
        static ClientPayload Reminded(ClientPayload c) => c with { Reminders = new RemindersPayload(Email: true, Text: false) };
        var setup = await app.ClinicianWithGroupAsync(members: 0);
        var removed = await setup.MemberAsync(Reminded);
        var stays = await setup.MemberAsync(Reminded);
        var session = await setup.BookedAsync(app.At(7));
        await (await session.Http.RemoveInviteeAsync(session.Id, removed)).AssertNoContentAsync();

        var html = await session.Http.GetStringAsync(PagePath(session.Id), Ct);

        var removedBlock = BlockOf(html, await NameAsync(session.Http, removed));
        Assert.Equal(2, Count(removedBlock, ">cancelled<"));
        Assert.Equal(2, Count(BlockOf(html, await NameAsync(session.Http, stays)), ">pending<"));
        Assert.Equal(2, Count(html, "data-testid=\"reminder-block\""));
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    /// <summary>The invitee row of the named client, from its opening tag to the next row.</summary>
    private static string RowOf(string html, string name) => Between(html, $"<tr data-client=\"{name}\">", "</tr>");

    private static string BlockOf(string html, string name) => Between(html, $"data-client=\"{name}\">", "</section>");

    private static string Between(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"No {start} on the page.");
        return html[from..html.IndexOf(end, from, StringComparison.Ordinal)];
    }
}

public sealed class SessionPageSqliteTests(SqliteApp app) : SessionPageTests(app), IClassFixture<SqliteApp>;

public sealed class SessionPagePostgresTests(PostgresApp app) : SessionPageTests(app), IClassFixture<PostgresApp>;
