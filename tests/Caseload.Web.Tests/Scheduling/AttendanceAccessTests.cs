using System.Net;
using System.Net.Http.Json;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Scheduling;

/// <summary>
/// Who may make the rule 5–8 changes: Billers never (403); a clinician only on their own appointments,
/// another clinician's being simply not found (404); the front desk on anyone's.
/// </summary>
public abstract class AttendanceAccessTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every write of rules 5–8, with <c>{id}</c>, <c>{client}</c>, <c>{series}</c> and <c>{group}</c> to fill in.</summary>
    public static readonly TheoryData<string, string> Writes = new()
    {
        { "DELETE", "/api/v1/appointments/{id}/invitees/{client}" },
        { "POST", "/api/v1/appointments/{id}/invitees/{client}/missed" },
        { "DELETE", "/api/v1/appointments/{id}/invitees/{client}/missed" },
        { "POST", "/api/v1/appointments/{id}/invitees/{client}/attended" },
        { "DELETE", "/api/v1/appointments/{id}/invitees/{client}/attended" },
        { "POST", "/api/v1/appointments/{id}/invitees" },
        { "DELETE", "/api/v1/appointments/{id}" },
        { "DELETE", "/api/v1/series/{series}?from=2026-12-01" },
        { "POST", "/api/v1/groups/{group}/sync-future-appointments" },
    };

    /// <summary>Today's occurrence of a weekly series of three, Alice marked missed, so every write has something to act on.</summary>
    private async Task<BookedSession> TodaysOccurrenceAsync()
    {
        var session = await app.BookedAsync(SessionDay.Today, SessionKind.SeriesOccurrence);
        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "No-show", charge = 0m });
        return session;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string method, string template, BookedSession session)
    {
        var path = template.Replace("{id}", session.Id, StringComparison.Ordinal)
            .Replace("{client}", method == "POST" && template.EndsWith("/missed", StringComparison.Ordinal) ? session.Bob : session.Alice, StringComparison.Ordinal)
            .Replace("{series}", session.Appointment.Text("seriesId"), StringComparison.Ordinal)
            .Replace("{group}", session.Setup.GroupId, StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { reason = "No-show", charge = 0m, clientId = session.Bob });
        }

        return http.SendAsync(request, Ct);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Writes_ByABiller_Are403(string method, string path)
    {
        var session = await TodaysOccurrenceAsync();
        var biller = await app.StaffAsync("Biller");

        await (await SendAsync(biller.Client, method, path, session)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal("missed", await session.Http.StatusOfAsync(session.Id, session.Alice));
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Writes_ByAnotherClinician_Are404(string method, string path)
    {
        var session = await TodaysOccurrenceAsync();
        var other = await app.StaffAsync("Clinician");

        await (await SendAsync(other.Client, method, path, session)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        Assert.Equal("missed", await session.Http.StatusOfAsync(session.Id, session.Alice));
        Assert.Equal(SchedulingApi.Sorted(session.Alice, session.Bob), (await session.Http.AppointmentAsync(session.Id)).InviteeIds());
    }

    [Fact]
    public async Task MissedNote_OfAnotherClinicansAppointment_Is404()
    {
        var session = await TodaysOccurrenceAsync();
        var other = await app.StaffAsync("Clinician");

        await (await other.Client.MissedNoteAsync(session.Id, session.Alice)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task AddInvitee_ToAnAppointmentThatDoesNotExist_Is404()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 1);

        await (await setup.Http.AddInviteeAsync("no-such-appointment", setup.Members[0])).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task MarkMissed_ByTheFrontDesk_OnAnyClinicansAppointment_Is200_Rule7()
    {
        var session = await TodaysOccurrenceAsync();
        var frontDesk = await app.StaffAsync("Scheduler");

        await frontDesk.Client.MissedAsync(session.Id, session.Bob, new { reason = "Phoned to say", charge = 0m });

        Assert.Equal("missed", await session.Http.StatusOfAsync(session.Id, session.Bob));
    }

    [Fact]
    public async Task RemoveInvitee_ByTheFrontDesk_OnAnyClinicansFutureAppointment_Is204_Rule6()
    {
        var session = await app.BookedAsync(SessionDay.Later);
        var frontDesk = await app.StaffAsync("Scheduler");

        await (await frontDesk.Client.RemoveInviteeAsync(session.Id, session.Alice)).AssertNoContentAsync();
    }

    [Fact]
    public async Task MarkMissed_WithoutSigningIn_Is401()
    {
        var session = await TodaysOccurrenceAsync();

        var response = await app.CreateClient().MarkMissedAsync(session.Id, session.Bob);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class AttendanceAccessSqliteTests(SqliteApp app) : AttendanceAccessTests(app), IClassFixture<SqliteApp>;

public sealed class AttendanceAccessPostgresTests(PostgresApp app) : AttendanceAccessTests(app), IClassFixture<PostgresApp>;
