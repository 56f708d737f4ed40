using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Notes;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Dashboard;

/// <summary>
/// The calendar's quick view (<c>GET /?handler=QuickView&amp;id=</c>), read from the server so the caseload, the roles and
/// the audit apply: another clinician's appointment is not found, note content never shows, each read names its clients.
/// </summary>
public abstract class QuickViewTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> QuickViewAsync(string email, string appointmentId)
    {
        using var browser = await app.SignInWithTheCookieAsync(email);
        return await browser.GetAsync($"/?handler=QuickView&id={Uri.EscapeDataString(appointmentId)}", Ct);
    }

    private async Task<string> QuickViewHtmlAsync(string email, string appointmentId)
    {
        var response = await QuickViewAsync(email, appointmentId);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return html;
    }

    /// <summary>A held session of a new clinician's group of two: the first member attended, the second missed.</summary>
    private async Task<(GroupSetup Setup, string AppointmentId)> HeldWithAttendanceAsync()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 2);
        var id = (await setup.Http.BookOneAsync(setup.Session(NotesApi.HeldLastWeek))).Id();
        await (await setup.Http.MarkAttendedAsync(id, setup.Members[0])).AssertSuccessAsync();
        await (await setup.Http.MarkMissedAsync(id, setup.Members[1], "Quick view reason", 0m)).AssertSuccessAsync();
        return (setup, id);
    }

    [Fact]
    public async Task QuickView_OfAnotherCliniciansAppointment_IsNotFound()
    {
        var (other, id) = await HeldWithAttendanceAsync();
        var clinician = await app.StaffAsync("Clinician");

        var response = await QuickViewAsync(clinician.Email, id);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(other.GroupName, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuickView_OfAnUnknownAppointment_IsNotFound()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await QuickViewAsync(clinician.Email, "no-such-appointment");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task QuickView_ShowsEachInviteeWithTheirAttendanceAndInvoiceStatus()
    {
        var (setup, id) = await HeldWithAttendanceAsync();

        var html = await QuickViewHtmlAsync(setup.Clinician.Email, id);

        Assert.Contains(setup.GroupName, html, StringComparison.Ordinal);
        var rows = html.Split("data-invitee=").Skip(1).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Single(rows, r => r.StartsWith($"\"{setup.Members[0]}\"", StringComparison.Ordinal) && r.Contains(">attended<", StringComparison.Ordinal)
            && r.Contains("Service invoice: open", StringComparison.Ordinal));
        Assert.Single(rows, r => r.StartsWith($"\"{setup.Members[1]}\"", StringComparison.Ordinal) && r.Contains(">missed<", StringComparison.Ordinal)
            && r.Contains("Service invoice: void", StringComparison.Ordinal));
        Assert.Contains($"href=\"/Appointments/{id}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Appointments/{id}/Note\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuickView_NeverShowsTheMissedReason()
    {
        var (setup, id) = await HeldWithAttendanceAsync();

        var html = await QuickViewHtmlAsync(setup.Clinician.Email, id);

        Assert.DoesNotContain("Quick view reason", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuickView_OfAHeldSession_OffersAttendanceActionsToItsClinician()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 2);
        var id = (await setup.Http.BookOneAsync(setup.Session(NotesApi.HeldLastWeek))).Id();

        var html = await QuickViewHtmlAsync(setup.Clinician.Email, id);

        Assert.Equal(2, html.Split("data-attendance=\"attended\"").Length - 1);
        Assert.Equal(2, html.Split("data-missed").Length - 1);
    }

    [Fact]
    public async Task QuickView_OfAFutureSession_OffersNoAttendanceActions_Rule7()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 2);
        var id = (await setup.Http.BookOneAsync(setup.Session())).Id();

        var html = await QuickViewHtmlAsync(setup.Clinician.Email, id);

        Assert.DoesNotContain("data-attendance", html, StringComparison.Ordinal);
        Assert.Contains("Attendance is marked from the session's day on.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Note\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Biller")]
    public async Task QuickView_ForASchedulerOrBiller_ShowsTheNoteStatusButNoNoteTextOrNoteLink(string role)
    {
        var (setup, id) = await HeldWithAttendanceAsync();
        await setup.Http.SaveDraftNoteAsync(id);
        var staff = await app.StaffAsync(role);

        var html = await QuickViewHtmlAsync(staff.Email, id);

        Assert.Contains("draft, not signed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Planning the next session", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Note\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuickView_ForABiller_OffersNoAttendanceActions()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 2);
        var id = (await setup.Http.BookOneAsync(setup.Session(NotesApi.HeldLastWeek))).Id();
        var biller = await app.StaffAsync("Biller");

        var html = await QuickViewHtmlAsync(biller.Email, id);

        Assert.DoesNotContain("data-attendance", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuickView_IsAuditedAsAReadOfEachInvitee()
    {
        var (setup, id) = await HeldWithAttendanceAsync();

        await QuickViewHtmlAsync(setup.Clinician.Email, id);

        using var admin = await app.AdminAsync();
        foreach (var member in setup.Members)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?clientId={member}&action=read&entityType=appointment", Ct);
            Assert.Contains(page.GetProperty("items").EnumerateArray(), e =>
                e.Text("entityId") == id && e.Text("userId") == setup.Clinician.UserId
                && e.TryGetProperty("detail", out var detail) && detail.GetString()!.StartsWith("quick view", StringComparison.Ordinal));
        }
    }
}

public sealed class QuickViewSqliteTests(SqliteApp app) : QuickViewTests(app), IClassFixture<SqliteApp>;

public sealed class QuickViewPostgresTests(PostgresApp app) : QuickViewTests(app), IClassFixture<PostgresApp>;
