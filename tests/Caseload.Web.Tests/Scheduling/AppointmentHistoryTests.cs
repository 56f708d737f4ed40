using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Scheduling;

/// <summary>Every removal, missed mark, undo, attendance mark and roster sync leaves a line in the appointment's history, signed with the author's display name.</summary>
public abstract class AppointmentHistoryTests(CaseloadApp app)
{
    private const string Author = "Dr Rowan Hale";

    private async Task<BookedSession> BookedByRowanAsync(SessionDay day)
    {
        var rowan = await app.StaffNamedAsync(Author, "Clinician");
        return await (await rowan.GroupOfTwoAsync()).BookedAsync(app.StartOf(day));
    }

    private static async Task<JsonElement> LastLineAsync(BookedSession session, HttpClient? reader = null) =>
        (await (reader ?? session.Http).HistoryAsync(session.Id))[^1];

    [Fact]
    public async Task RemoveInvitee_LeavesAHistoryLineByTheAuthor_Rule6()
    {
        var session = await BookedByRowanAsync(SessionDay.Later);

        await (await session.Http.RemoveInviteeAsync(session.Id, session.Alice)).AssertNoContentAsync();

        var line = await LastLineAsync(session);
        Assert.Equal(Author, line.Text("by"));
        Assert.StartsWith("Removed Alice ", line.Text("what"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkMissed_LeavesAHistoryLineByTheAuthorWithTheReasonAndCharge_Rule7()
    {
        var session = await BookedByRowanAsync(SessionDay.Today);

        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "Flat tyre", charge = 15.00m });

        var line = await LastLineAsync(session);
        Assert.Equal(Author, line.Text("by"));
        Assert.Contains("missed", line.Text("what"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Flat tyre", line.Text("what"), StringComparison.Ordinal);
        Assert.Contains("15.00", line.Text("what"), StringComparison.Ordinal);
        Assert.Equal("2026-12-01T10:00:00-05:00", line.Text("at"));
    }

    [Fact]
    public async Task UndoMissed_LeavesAHistoryLineByTheAuthor_Rule7()
    {
        var session = await BookedByRowanAsync(SessionDay.Today);
        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "Flat tyre", charge = 0m });

        await (await session.Http.UndoMissedAsync(session.Id, session.Alice)).AssertNoContentAsync();

        var history = await session.Http.HistoryAsync(session.Id);
        Assert.Equal(["Booked."], history.Take(1).Select(h => h.Text("what")));
        Assert.Equal(3, history.Length);
        Assert.Equal(Author, history[2].Text("by"));
        Assert.StartsWith("Undid the missed mark of Alice ", history[2].Text("what"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkAttended_LeavesAHistoryLineByTheAuthor()
    {
        var session = await BookedByRowanAsync(SessionDay.Past);

        await (await session.Http.MarkAttendedAsync(session.Id, session.Alice)).AssertNoContentAsync();

        var line = await LastLineAsync(session);
        Assert.Equal(Author, line.Text("by"));
        Assert.StartsWith("Marked Alice ", line.Text("what"), StringComparison.Ordinal);
        Assert.Contains("attended", line.Text("what"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkMissed_ByTheFrontDesk_IsSignedWithTheirName_Rule7()
    {
        var session = await app.BookedAsync(SessionDay.Today);
        var frontDesk = await app.StaffNamedAsync("Fran at the front desk", "Scheduler");

        var note = await frontDesk.Client.MissedAsync(session.Id, session.Alice, new { reason = "Called in sick", charge = 0m });

        Assert.Equal("Fran at the front desk", note.Text("author"));
        Assert.Equal("Fran at the front desk", (await LastLineAsync(session)).Text("by"));
    }

    [Fact]
    public async Task RosterSync_LeavesAHistoryLineOnEachChangedAppointment_Rule5()
    {
        var session = await BookedByRowanAsync(SessionDay.Later);
        var carol = await session.Setup.MemberAsync();

        await (await session.Http.SyncRosterAsync(session.Setup.GroupId)).OkJsonAsync();

        var line = await LastLineAsync(session);
        Assert.Equal(Author, line.Text("by"));
        Assert.StartsWith("Roster synced with the group: added Joiner ", line.Text("what"), StringComparison.Ordinal);
        Assert.Contains(carol, (await session.Http.AppointmentAsync(session.Id)).InviteeIds());
    }

    [Fact]
    public async Task RefusedChanges_LeaveNoHistoryLine_Rule6_Rule7()
    {
        var session = await BookedByRowanAsync(SessionDay.Today);

        await (await session.Http.RemoveInviteeAsync(session.Id, session.Alice)).AssertProblemAsync(HttpStatusCode.Conflict, "invitee-removal-locked");
        await (await session.Http.MarkMissedAsync(session.Id, session.Alice, new { charge = 0m })).AssertFieldErrorAsync("reason");

        Assert.Equal(["Booked."], (await session.Http.HistoryAsync(session.Id)).Select(h => h.Text("what")));
    }

    private static async Task PatchAsync(HttpClient http, string id, object patch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/appointments/{id}") { Content = JsonContent.Create(patch) };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Booking_LeavesAHistoryLineByTheAuthor()
    {
        var session = await BookedByRowanAsync(SessionDay.Later);

        var line = Assert.Single(await session.Http.HistoryAsync(session.Id));

        Assert.Equal((Author, "Booked."), (line.Text("by"), line.Text("what")));
    }

    [Fact]
    public async Task Move_LeavesAHistoryLineSayingFromWhenToWhen()
    {
        var session = await BookedByRowanAsync(SessionDay.Later);

        await PatchAsync(session.Http, session.Id, new { start = app.At(8, hour: 11), durationMinutes = 60 });

        var line = await LastLineAsync(session);
        Assert.Equal(Author, line.Text("by"));
        Assert.Contains("moved from", line.Text("what"), StringComparison.Ordinal);
        Assert.Contains("11:00", line.Text("what"), StringComparison.Ordinal);
        Assert.Contains("duration 50 min → 60 min", line.Text("what"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocationAndMemoChanges_LeaveAHistoryLine()
    {
        var session = await BookedByRowanAsync(SessionDay.Later);

        await PatchAsync(session.Http, session.Id, new { location = "Room 9", memo = "Bring worksheets" });

        var what = (await LastLineAsync(session)).Text("what");
        Assert.Contains("location \"Room 2\" → \"Room 9\"", what, StringComparison.Ordinal);
        Assert.Contains("memo (none) → \"Bring worksheets\"", what, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_LeavesAHistoryLine()
    {
        var session = await BookedByRowanAsync(SessionDay.Later);

        var response = await session.Http.PostAsync($"/api/v1/appointments/{session.Id}/cancel", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal("Cancelled the appointment.", (await LastLineAsync(session)).Text("what"));
    }

    [Fact]
    public async Task History_ReadByABiller_HidesTheMissedReason_Finding10()
    {
        var session = await BookedByRowanAsync(SessionDay.Today);
        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "Hospitalized overnight", charge = 15.00m });
        var biller = await app.StaffAsync("Biller");

        var what = (await LastLineAsync(session, biller.Client)).Text("what");

        Assert.DoesNotContain("Hospitalized", what, StringComparison.Ordinal);
        Assert.Contains("missed", what, StringComparison.Ordinal);
        Assert.Contains("15.00", what, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_ReadByTheFrontDesk_ShowsTheMissedReason_AsGetMissedDoes()
    {
        var session = await BookedByRowanAsync(SessionDay.Today);
        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "Hospitalized overnight", charge = 15.00m });
        var frontDesk = await app.StaffAsync("Scheduler");

        Assert.Contains("Hospitalized overnight", (await LastLineAsync(session, frontDesk.Client)).Text("what"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppointmentPage_ReadByABiller_HidesTheMissedReason_Finding10()
    {
        var session = await BookedByRowanAsync(SessionDay.Today);
        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "Hospitalized overnight", charge = 15.00m });
        var biller = await app.StaffAsync("Biller");
        var frontDesk = await app.StaffAsync("Scheduler");

        var billers = await biller.Client.GetStringAsync($"/Appointments/{session.Id}", TestContext.Current.CancellationToken);
        var frontDesks = await frontDesk.Client.GetStringAsync($"/Appointments/{session.Id}", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("Hospitalized", billers, StringComparison.Ordinal);
        Assert.Contains("Hospitalized overnight", frontDesks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_OfAnotherClinicansAppointment_Is404()
    {
        var session = await BookedByRowanAsync(SessionDay.Today);
        var other = await app.StaffAsync("Clinician");

        var response = await other.Client.GetAsync($"/api/v1/appointments/{session.Id}/history", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}

public sealed class AppointmentHistorySqliteTests(SqliteApp app) : AppointmentHistoryTests(app), IClassFixture<SqliteApp>;

public sealed class AppointmentHistoryPostgresTests(PostgresApp app) : AppointmentHistoryTests(app), IClassFixture<PostgresApp>;
