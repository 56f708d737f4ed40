using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Portal;

/// <summary>The staff pages of self-booking: marking eligible clients on the group's page, the waitlist on the appointment's.</summary>
public abstract class SelfBookingPageTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, string handler, Dictionary<string, string> fields)
    {
        var html = await browser.GetStringAsync(page, Ct);
        fields["__RequestVerificationToken"] = PageSessions.FormToken(html);
        return await browser.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(fields), Ct);
    }

    [Fact]
    public async Task GroupPage_MarkEligible_ListsTheClientForSelfBooking()
    {
        var group = await app.ClinicianWithGroupAsync(members: 0);
        var client = await group.Http.CreateClientAsync(group.ClinicianId);
        using var browser = await app.SignInWithTheCookieAsync(group.Clinician.Email);

        var posted = await PostFormAsync(browser, $"/Groups/{group.GroupId}", "MarkEligible", new() { ["clientId"] = client });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var eligible = await group.Http.GetFromJsonAsync<JsonElement>($"/api/v1/groups/{group.GroupId}/eligible", Ct);
        Assert.Equal(client, Assert.Single(eligible.EnumerateArray()).Text("clientId"));
        Assert.Contains("data-testid=\"eligible\"", await browser.GetStringAsync($"/Groups/{group.GroupId}", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupPage_MarkingAnotherCliniciansClient_SaysWhyNot_Rule1()
    {
        var group = await app.ClinicianWithGroupAsync(members: 0);
        var other = await app.StaffAsync("Clinician");
        var theirs = await other.Client.CreateClientAsync(other.ClinicianId);
        var scheduler = await app.StaffAsync("Scheduler");
        using var browser = await app.SignInWithTheCookieAsync(scheduler.Email);

        var posted = await PostFormAsync(browser, $"/Groups/{group.GroupId}", "MarkEligible", new() { ["clientId"] = theirs });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("another clinician&#x27;s caseload", await posted.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppointmentPage_ShowsTheWaitlist_AndMovingAClientDownReordersIt()
    {
        var setup = await app.SelfBookingGroupAsync(seats: 3, members: 2, eligible: 3);
        await app.FillAsync(setup.SessionId, setup.Eligible.Take(1));
        Assert.True((await app.JoinWaitlistAsync(setup.Eligible[1], setup.SessionId)).Succeeded);
        Assert.True((await app.JoinWaitlistAsync(setup.Eligible[2], setup.SessionId)).Succeeded);
        using var browser = await app.SignInWithTheCookieAsync(setup.Group.Clinician.Email);
        var page = await browser.GetStringAsync($"/Appointments/{setup.SessionId}", Ct);
        Assert.Contains("data-testid=\"waitlist\"", page, StringComparison.Ordinal);
        var ids = (await setup.Http.WaitlistAsync(setup.SessionId)).GetProperty("entries").EnumerateArray().Select(e => e.Text("id")).ToList();

        var moved = await browser.PostAsync($"/Appointments/{setup.SessionId}/Waitlist?handler=Reorder", new FormUrlEncodedContent(
        [
            new("ids", ids[1]), new("ids", ids[0]), new("back", "appointment"),
            new("__RequestVerificationToken", PageSessions.FormToken(page)),
        ]), Ct);

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal([setup.Eligible[2], setup.Eligible[1]], (await setup.Http.WaitlistAsync(setup.SessionId)).EntryClients());
    }
}

public sealed class SelfBookingPageSqliteTests(SqliteApp app) : SelfBookingPageTests(app), IClassFixture<SqliteApp>;

public sealed class SelfBookingPagePostgresTests(PostgresApp app) : SelfBookingPageTests(app), IClassFixture<PostgresApp>;
