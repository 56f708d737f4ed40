using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Reminders;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Groups;

/// <summary>
/// Rules 5 and 6 together: a member taken off one future appointment on purpose stays off it when the
/// roster is synced, and the sync report lists that pair as skipped, with the client and the reason.
/// Two members who both want email reminders; a weekly series of two from next week; the first member is
/// removed from the first session; then a new member joins and the roster is synced.
/// </summary>
public abstract class RosterSyncRemovedOnPurposeTests(CaseloadApp app)
{
    private sealed record Scenario(RemindedGroup Group, string Removed, string Staying, string Joiner, string First, string Second)
    {
        public HttpClient Http => Group.Http;
    }

    private async Task<Scenario> RemovedFromTheFirstSessionThenSyncedAsync()
    {
        var group = await app.RemindedGroupAsync((true, false), (true, false));
        var (removed, staying) = (group.Members[0].Id, group.Members[1].Id);
        var series = (await group.Http.BookAsync(group.Session(RemindersApi.At(app, days: 7, hour: 15)) with { Recurrence = RecurrencePayload.Weekly(2) }))
            .Appointments().Ids();
        await (await group.Http.RemoveInviteeAsync(series[0], removed)).AssertNoContentAsync();
        var joiner = await group.Http.RemindedClientAsync(group.ClinicianId, email: true, text: false, "Joiner");
        await SchedulingApi.AddMemberAsync(group.Http, group.GroupId, joiner.Id);
        return new Scenario(group, removed, staying, joiner.Id, series[0], series[1]);
    }

    private static async Task<JsonElement> SyncedAsync(Scenario scenario) =>
        await (await scenario.Http.SyncRosterAsync(scenario.Group.GroupId)).OkJsonAsync();

    [Fact]
    public async Task Sync_DoesNotInviteAgainAMemberRemovedFromThatAppointmentOnPurpose_Rule5_Rule6()
    {
        var scenario = await RemovedFromTheFirstSessionThenSyncedAsync();

        await SyncedAsync(scenario);

        Assert.Equal(SchedulingApi.Sorted(scenario.Staying, scenario.Joiner), (await scenario.Http.AppointmentAsync(scenario.First)).InviteeIds());
    }

    [Fact]
    public async Task Sync_StillAddsTheNewMember_AndLeavesTheRemovedMemberOnTheOtherOccurrences_Rule5_Rule6()
    {
        var scenario = await RemovedFromTheFirstSessionThenSyncedAsync();

        var report = await SyncedAsync(scenario);

        Assert.Equal(SchedulingApi.Sorted(scenario.Removed, scenario.Staying, scenario.Joiner),
            (await scenario.Http.AppointmentAsync(scenario.Second)).InviteeIds());
        var changed = report.GetProperty("changed").EnumerateArray().ToList();
        Assert.Equal(SchedulingApi.Sorted(scenario.First, scenario.Second), SchedulingApi.Sorted([.. changed.Select(c => c.Text("appointmentId"))]));
        Assert.All(changed, c => Assert.Equal([scenario.Joiner], c.GetProperty("added").EnumerateArray().Select(a => a.GetString())));
    }

    [Fact]
    public async Task Sync_ReportListsTheRemovedPairAsSkipped_WithTheClientAndTheReason_Rule5_Rule6()
    {
        var scenario = await RemovedFromTheFirstSessionThenSyncedAsync();

        var report = await SyncedAsync(scenario);

        var skipped = Assert.Single(report.GetProperty("skipped").EnumerateArray());
        Assert.Equal(scenario.First, skipped.Text("appointmentId"));
        Assert.Equal(scenario.Removed, skipped.Text("clientId"));
        Assert.Contains("removed from this appointment on purpose", skipped.Text("reason"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sync_DoesNotPlanRemindersAgainForTheRemovedMember_Rule5_Rule6_Rule10()
    {
        var scenario = await RemovedFromTheFirstSessionThenSyncedAsync();

        await SyncedAsync(scenario);

        var reminders = await scenario.Http.RemindersOfAsync(scenario.First);
        Assert.All(reminders.Of(scenario.Removed), r => Assert.Equal("cancelled", r.Status));
        Assert.Contains(reminders.Of(scenario.Joiner), r => r.Status == "pending");
    }

    [Fact]
    public async Task Sync_Twice_KeepsTheRemovalAndSaysSoAgain_Rule5_Rule6()
    {
        var scenario = await RemovedFromTheFirstSessionThenSyncedAsync();
        await SyncedAsync(scenario);

        var report = await SyncedAsync(scenario);

        Assert.Empty(report.GetProperty("changed").EnumerateArray());
        Assert.Equal(scenario.Removed, Assert.Single(report.GetProperty("skipped").EnumerateArray()).Text("clientId"));
        Assert.DoesNotContain(scenario.Removed, (await scenario.Http.AppointmentAsync(scenario.First)).InviteeIds());
    }

    [Fact]
    public async Task Sync_SkippedAppointmentWithANote_HasNoClientId_Rule5()
    {
        var scenario = await RemovedFromTheFirstSessionThenSyncedAsync();
        await scenario.Http.SaveDraftNoteAsync(scenario.Second);

        var report = await SyncedAsync(scenario);

        var noted = Assert.Single(report.GetProperty("skipped").EnumerateArray(), s => s.Text("appointmentId") == scenario.Second);
        Assert.False(noted.TryGetProperty("clientId", out _));
        Assert.Contains("group note", noted.Text("reason"), StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class RosterSyncRemovedOnPurposeSqliteTests(SqliteApp app) : RosterSyncRemovedOnPurposeTests(app), IClassFixture<SqliteApp>;

public sealed class RosterSyncRemovedOnPurposePostgresTests(PostgresApp app) : RosterSyncRemovedOnPurposeTests(app), IClassFixture<PostgresApp>;
