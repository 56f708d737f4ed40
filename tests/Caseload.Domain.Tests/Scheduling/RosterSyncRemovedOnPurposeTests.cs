using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using NodaTime;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>
/// Rules 5 and 6: a member removed from one future appointment on purpose stays removed from it when the
/// roster is synced; the sync skips that pair and says so. Alice and Bob are in the group; a weekly series
/// runs on 8 and 15 December; Alice is taken off the 8 December session; then Carol joins.
/// </summary>
public class RosterSyncRemovedOnPurposeTests
{
    private static readonly IReadOnlyDictionary<string, AppointmentRecord> NothingRecorded = new Dictionary<string, AppointmentRecord>();

    private readonly Client _alice = People.ClientOf(A.Morgan, "Alice");
    private readonly Client _bob = People.ClientOf(A.Morgan, "Bob");
    private readonly Client _carol = People.ClientOf(A.Morgan, "Carol");
    private readonly Group _group;
    private readonly IReadOnlyList<Appointment> _weekly;

    public RosterSyncRemovedOnPurposeTests()
    {
        _group = A.Group().With(_alice, _bob).Build();
        _weekly = ASession.OfGroup(_group, _alice, _bob).At(new LocalDateTime(2026, 12, 8, 18, 0)).Weekly(count: 2).Save();
        Assert.True(_weekly[0].RemoveInvitee(_alice.Id, A.Today).Succeeded);
        Assert.True(_group.AddMember(_carol, A.Today).Succeeded);
    }

    private (List<RosterChange> Changed, List<RosterSkip> Skipped) Sync() => RosterSync.Apply(_group, _weekly, NothingRecorded, A.Today);

    private static string[] InviteeIds(Appointment appointment) => [.. appointment.Invitees.Select(i => i.ClientId).Order(StringComparer.Ordinal)];

    private static string[] Sorted(params Client[] clients) => [.. clients.Select(c => c.Id).Order(StringComparer.Ordinal)];

    [Fact]
    public void RemoveInvitee_RemembersTheRemovalOnThatAppointmentOnly_Rule6()
    {
        var removal = Assert.Single(_weekly[0].Uninvited);

        Assert.Equal(_alice.Id, removal.ClientId);
        Assert.Equal(A.Today, removal.RemovedOn);
        Assert.Empty(_weekly[1].Uninvited);
    }

    [Fact]
    public void Sync_DoesNotInviteAgainAMemberRemovedOnPurpose_Rule5_Rule6()
    {
        Sync();

        Assert.Equal(Sorted(_bob, _carol), InviteeIds(_weekly[0]));
    }

    [Fact]
    public void Sync_StillBringsTheNewMemberToTheAppointmentTheRemovalWasFrom_Rule5()
    {
        var (changed, _) = Sync();

        Assert.Equal([_carol.Id], changed.Single(c => c.AppointmentId == _weekly[0].Id).Added);
    }

    [Fact]
    public void Sync_LeavesTheRemovedMemberOnTheSeriesOtherOccurrences_Rule6()
    {
        Sync();

        Assert.Equal(Sorted(_alice, _bob, _carol), InviteeIds(_weekly[1]));
    }

    [Fact]
    public void Sync_ReportsTheRemovedPairAsSkipped_WithTheClientAndTheDayOfTheRemoval_Rule5_Rule6()
    {
        var (_, skipped) = Sync();

        var skip = Assert.Single(skipped);
        Assert.Equal(_weekly[0].Id, skip.AppointmentId);
        Assert.Equal(_alice.Id, skip.ClientId);
        Assert.Contains("on purpose on 2026-12-01", skip.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sync_WithOnlyTheRemovedMemberMissing_ChangesNothing_ButStillSaysWhy_Rule5_Rule6()
    {
        Assert.True(_group.RemoveMember(_carol.Id, A.Today).Succeeded);

        var (changed, skipped) = Sync();

        Assert.DoesNotContain(changed, c => c.AppointmentId == _weekly[0].Id);
        Assert.Equal(_alice.Id, Assert.Single(skipped).ClientId);
        Assert.Equal(Sorted(_bob), InviteeIds(_weekly[0]));
    }

    [Fact]
    public void Sync_OfAnAppointmentWithANote_SkipsTheWholeAppointmentOnce_WithoutAClient_Rule5()
    {
        var (_, skipped) = RosterSync.Apply(_group, _weekly,
            new Dictionary<string, AppointmentRecord> { [_weekly[0].Id] = new(HasGroupNote: true, HasPayment: false) }, A.Today);

        var skip = Assert.Single(skipped);
        Assert.Null(skip.ClientId);
        Assert.Contains("group note", skip.Reason, StringComparison.OrdinalIgnoreCase);
    }
}
