using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Groups;

/// <summary>
/// Rule 5: no late additions to existing appointments, and the explicit "Sync roster to future
/// appointments". The group's appointments: a week ago, today at 18:00, tomorrow, and a weekly series of
/// two from next week; then Carol joins and Bob leaves. The clock stays at 1 December 10:00 New York.
/// </summary>
public abstract class RosterSyncTests(CaseloadApp app)
{
    private sealed record Roster(GroupSetup Setup, string Alice, string Bob, string Carol,
        string Past, string Today, string Tomorrow, IReadOnlyList<string> Series)
    {
        public HttpClient Http => Setup.Http;

        public string[] Future => [Tomorrow, .. Series];
    }

    private async Task<Roster> RosterChangedAfterBookingAsync(Func<GroupSetup, Task>? beforeChange = null)
    {
        var setup = await app.ClinicianWithGroupAsync();
        var past = (await setup.BookedAsync(app.StartOf(SessionDay.Past))).Id;
        var today = (await setup.BookedAsync(app.StartOf(SessionDay.Today))).Id;
        var tomorrow = (await setup.BookedAsync(app.StartOf(SessionDay.Tomorrow))).Id;
        var series = (await setup.Http.BookAsync(setup.Session(app.At(7, hour: 15)) with { Recurrence = RecurrencePayload.Weekly(2) })).Appointments().Ids();
        if (beforeChange is not null)
        {
            await beforeChange(setup);
        }

        var carol = await setup.MemberAsync();
        await (await setup.Http.LeaveGroupAsync(setup.GroupId, setup.Members[1])).AssertSuccessAsync();
        return new Roster(setup, setup.Members[0], setup.Members[1], carol, past, today, tomorrow, series);
    }

    private static async Task<JsonElement> SyncedAsync(Roster roster) => await (await roster.Http.SyncRosterAsync(roster.Setup.GroupId)).OkJsonAsync();

    [Fact]
    public async Task AddInvitee_ToAnExistingAppointment_Is409NoLateAdditions_Rule5()
    {
        var roster = await RosterChangedAfterBookingAsync();

        var problem = await (await roster.Http.AddInviteeAsync(roster.Tomorrow, roster.Carol)).AssertProblemAsync(HttpStatusCode.Conflict, "no-late-additions");

        Assert.Contains("Sync roster", problem.Text("title"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SchedulingApi.Sorted(roster.Alice, roster.Bob), (await roster.Http.AppointmentAsync(roster.Tomorrow)).InviteeIds());
    }

    [Fact]
    public async Task GroupChanges_WithoutASync_DoNotReachExistingAppointments_Rule3_Rule5()
    {
        var roster = await RosterChangedAfterBookingAsync();

        foreach (var id in roster.Future)
        {
            Assert.Equal(SchedulingApi.Sorted(roster.Alice, roster.Bob), (await roster.Http.AppointmentAsync(id)).InviteeIds());
        }
    }

    [Fact]
    public async Task Sync_FromTomorrowOn_AddsTheNewMemberAndRemovesTheDepartedOne_Rule5()
    {
        var roster = await RosterChangedAfterBookingAsync();

        await SyncedAsync(roster);

        foreach (var id in roster.Future)
        {
            Assert.Equal(SchedulingApi.Sorted(roster.Alice, roster.Carol), (await roster.Http.AppointmentAsync(id)).InviteeIds());
        }
    }

    [Fact]
    public async Task Sync_LeavesTodaysAndPastAppointmentsAlone_Rule5()
    {
        var roster = await RosterChangedAfterBookingAsync();

        var report = await SyncedAsync(roster);

        Assert.Equal(SchedulingApi.Sorted(roster.Alice, roster.Bob), (await roster.Http.AppointmentAsync(roster.Today)).InviteeIds());
        Assert.Equal(SchedulingApi.Sorted(roster.Alice, roster.Bob), (await roster.Http.AppointmentAsync(roster.Past)).InviteeIds());
        Assert.DoesNotContain(report.GetRawText(), roster.Today, StringComparison.Ordinal);
        Assert.DoesNotContain(report.GetRawText(), roster.Past, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_ReportListsEveryChangedAppointmentWithWhoWasAddedAndRemoved_Rule5()
    {
        var roster = await RosterChangedAfterBookingAsync();

        var report = await SyncedAsync(roster);

        var changed = report.GetProperty("changed").EnumerateArray().ToList();
        Assert.Equal(SchedulingApi.Sorted(roster.Future), SchedulingApi.Sorted([.. changed.Select(c => c.Text("appointmentId"))]));
        Assert.All(changed, c => Assert.Equal([roster.Carol], c.GetProperty("added").EnumerateArray().Select(a => a.GetString())));
        Assert.All(changed, c => Assert.Equal([roster.Bob], c.GetProperty("removed").EnumerateArray().Select(r => r.GetString())));
        Assert.Empty(report.GetProperty("skipped").EnumerateArray());
    }

    [Fact]
    public async Task Sync_SkipsAFutureAppointmentWithAPayment_SayingWhy_Rule5()
    {
        string? prepaid = null;
        var roster = await RosterChangedAfterBookingAsync(async setup =>
        {
            // Paid today, then moved to later this week: a future appointment with a payment on it.
            prepaid = (await setup.BookedAsync(app.StartOf(SessionDay.Today))).Id;
            await app.PayCashAsync((await setup.Http.InvoiceOfAsync(prepaid, setup.Members[0], "service")).Text("id"), 60.00m);
            var moved = await setup.Http.PatchAsJsonAsync($"/api/v1/appointments/{prepaid}", new { start = app.At(3) }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        });

        var report = await SyncedAsync(roster);

        var skipped = Assert.Single(report.GetProperty("skipped").EnumerateArray());
        Assert.Equal(prepaid, skipped.Text("appointmentId"));
        Assert.Contains("payment", skipped.Text("reason"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SchedulingApi.Sorted(roster.Alice, roster.Bob), (await roster.Http.AppointmentAsync(prepaid!)).InviteeIds());
        Assert.Equal(SchedulingApi.Sorted(roster.Future),
            SchedulingApi.Sorted([.. report.GetProperty("changed").EnumerateArray().Select(c => c.Text("appointmentId"))]));
    }

    [Fact]
    public async Task Sync_SkipsAFutureAppointmentWithADraftGroupNote_SayingWhy_Rule5()
    {
        var roster = await RosterChangedAfterBookingAsync();
        await roster.Http.SaveDraftNoteAsync(roster.Series[0]);

        var report = await SyncedAsync(roster);

        var skipped = Assert.Single(report.GetProperty("skipped").EnumerateArray());
        Assert.Equal(roster.Series[0], skipped.Text("appointmentId"));
        Assert.Contains("group note", skipped.Text("reason"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SchedulingApi.Sorted(roster.Alice, roster.Bob), (await roster.Http.AppointmentAsync(roster.Series[0])).InviteeIds());
    }

    [Fact]
    public async Task Sync_AgainWithNothingNew_ReportsNothing_Rule5()
    {
        var roster = await RosterChangedAfterBookingAsync();
        await SyncedAsync(roster);

        var report = await SyncedAsync(roster);

        Assert.Empty(report.GetProperty("changed").EnumerateArray());
        Assert.Empty(report.GetProperty("skipped").EnumerateArray());
    }

    [Fact]
    public async Task Sync_TheAddedMemberIsInvoicedLikeTheOthers_Rule5()
    {
        var roster = await RosterChangedAfterBookingAsync();

        await SyncedAsync(roster);

        var carol = (await roster.Http.AppointmentAsync(roster.Tomorrow)).GetProperty("invitees").EnumerateArray()
            .Single(i => i.Text("clientId") == roster.Carol);
        Assert.True(carol.GetProperty("createInvoice").GetBoolean());
        Assert.Equal("invited", carol.Text("status"));
    }

    [Fact]
    public async Task Sync_ByTheFrontDesk_IsAllowed_Rule5()
    {
        var roster = await RosterChangedAfterBookingAsync();
        var frontDesk = await app.StaffAsync("Scheduler");

        var report = await (await frontDesk.Client.SyncRosterAsync(roster.Setup.GroupId)).OkJsonAsync();

        Assert.Equal(3, report.GetProperty("changed").GetArrayLength());
    }

    [Fact]
    public async Task Sync_OfAnotherClinicansGroup_Is404AndChangesNothing_Rule1_Rule5()
    {
        var roster = await RosterChangedAfterBookingAsync();
        var other = await app.StaffAsync("Clinician");

        await (await other.Client.SyncRosterAsync(roster.Setup.GroupId)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        Assert.Equal(SchedulingApi.Sorted(roster.Alice, roster.Bob), (await roster.Http.AppointmentAsync(roster.Tomorrow)).InviteeIds());
    }

    [Fact]
    public async Task Sync_ByABiller_Is403_Rule5()
    {
        var roster = await RosterChangedAfterBookingAsync();
        var biller = await app.StaffAsync("Biller");

        await (await biller.Client.SyncRosterAsync(roster.Setup.GroupId)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Sync_OfAGroupThatDoesNotExist_Is404_Rule5()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 1);

        await (await setup.Http.SyncRosterAsync("no-such-group")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}

public sealed class RosterSyncSqliteTests(SqliteApp app) : RosterSyncTests(app), IClassFixture<SqliteApp>;

public sealed class RosterSyncPostgresTests(PostgresApp app) : RosterSyncTests(app), IClassFixture<PostgresApp>;
