using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using NodaTime;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>
/// Rule 5: existing appointments keep their roster, except through the explicit roster sync, which
/// brings appointments from tomorrow on in line with the group where nothing is recorded for them yet.
/// </summary>
public class RosterSyncTests
{
    private static readonly AppointmentRecord Nothing = new(HasGroupNote: false, HasPayment: false);

    private readonly Client _alice = People.ClientOf(A.Morgan, "Alice");
    private readonly Client _bob = People.ClientOf(A.Morgan, "Bob");
    private readonly Client _carol = People.ClientOf(A.Morgan, "Carol");
    private readonly Group _group;

    /// <summary>Weekly from 24 November: 24 Nov (past), 1 Dec (today, 18:00), 8 Dec and 15 Dec (future).</summary>
    private readonly IReadOnlyList<Appointment> _weekly;

    /// <summary>2 December: tomorrow.</summary>
    private readonly Appointment _tomorrow;

    public RosterSyncTests()
    {
        _group = A.Group().With(_alice, _bob).Build();
        _weekly = ASession.OfGroup(_group, _alice, _bob).At(new LocalDateTime(2026, 11, 24, 18, 0)).Weekly(count: 4).Save();
        _tomorrow = ASession.OfGroup(_group, _alice, _bob).At(new LocalDateTime(2026, 12, 2, 10, 0)).SaveOne();
        Assert.True(_group.AddMember(_carol, A.Today).Succeeded);
        Assert.True(_group.RemoveMember(_bob.Id, A.Today).Succeeded);
    }

    private Appointment Past => _weekly[0];

    private Appointment Today => _weekly[1];

    private IEnumerable<Appointment> All => [.. _weekly, _tomorrow];

    private (List<RosterChange> Changed, List<RosterSkip> Skipped) Sync(IReadOnlyDictionary<string, AppointmentRecord>? records = null) =>
        RosterSync.Apply(_group, All, records ?? new Dictionary<string, AppointmentRecord>(), A.Today);

    private static string[] InviteeIds(Appointment appointment) => [.. appointment.Invitees.Select(i => i.ClientId).Order(StringComparer.Ordinal)];

    private string[] AliceAndCarol => [.. new[] { _alice.Id, _carol.Id }.Order(StringComparer.Ordinal)];

    private string[] AliceAndBob => [.. new[] { _alice.Id, _bob.Id }.Order(StringComparer.Ordinal)];

    [Fact]
    public void Sync_FromTomorrowOn_AddsTheNewMemberAndRemovesTheDepartedOne_Rule5()
    {
        Sync();

        Assert.Equal(AliceAndCarol, InviteeIds(_tomorrow));
        Assert.Equal(AliceAndCarol, InviteeIds(_weekly[2]));
        Assert.Equal(AliceAndCarol, InviteeIds(_weekly[3]));
    }

    [Fact]
    public void Sync_LeavesTodaysAndPastAppointmentsAlone_Rule5()
    {
        var (changed, skipped) = Sync();

        Assert.Equal(AliceAndBob, InviteeIds(Today));
        Assert.Equal(AliceAndBob, InviteeIds(Past));
        Assert.DoesNotContain(changed, c => c.AppointmentId == Today.Id || c.AppointmentId == Past.Id);
        Assert.DoesNotContain(skipped, s => s.AppointmentId == Today.Id || s.AppointmentId == Past.Id);
    }

    [Fact]
    public void Sync_ReportsEachChangedAppointmentWithWhoWasAddedAndRemoved_InDateOrder_Rule5()
    {
        var (changed, skipped) = Sync();

        Assert.Equal([_tomorrow.Id, _weekly[2].Id, _weekly[3].Id], changed.Select(c => c.AppointmentId));
        Assert.All(changed, c => Assert.Equal([_carol.Id], c.Added));
        Assert.All(changed, c => Assert.Equal([_bob.Id], c.Removed));
        Assert.Empty(skipped);
    }

    [Fact]
    public void Sync_SkipsAnAppointmentWithAPayment_AndSaysSo_Rule5()
    {
        var (changed, skipped) = Sync(new Dictionary<string, AppointmentRecord> { [_weekly[2].Id] = new(HasGroupNote: false, HasPayment: true) });

        var skip = Assert.Single(skipped);
        Assert.Equal(_weekly[2].Id, skip.AppointmentId);
        Assert.Contains("payment", skip.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(AliceAndBob, InviteeIds(_weekly[2]));
        Assert.Equal([_tomorrow.Id, _weekly[3].Id], changed.Select(c => c.AppointmentId));
    }

    [Fact]
    public void Sync_SkipsAnAppointmentWithAGroupNote_AndSaysSo_Rule5()
    {
        var (_, skipped) = Sync(new Dictionary<string, AppointmentRecord> { [_tomorrow.Id] = new(HasGroupNote: true, HasPayment: false) });

        var skip = Assert.Single(skipped);
        Assert.Equal(_tomorrow.Id, skip.AppointmentId);
        Assert.Contains("group note", skip.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(AliceAndBob, InviteeIds(_tomorrow));
    }

    [Fact]
    public void Sync_LeavesCancelledAppointmentsAlone_Rule5()
    {
        Assert.True(_weekly[3].Cancel().Succeeded);

        var (changed, skipped) = Sync();

        Assert.Equal(AliceAndBob, InviteeIds(_weekly[3]));
        Assert.DoesNotContain(changed.Select(c => c.AppointmentId).Concat(skipped.Select(s => s.AppointmentId)), id => id == _weekly[3].Id);
    }

    [Fact]
    public void Sync_OfAppointmentsAlreadyInStep_ReportsNothing_Rule5()
    {
        Sync();

        var (changed, skipped) = Sync();

        Assert.Empty(changed);
        Assert.Empty(skipped);
    }

    [Fact]
    public void Sync_TheAddedMemberIsInvoicedLikeEveryoneElse_Rule5()
    {
        Sync(new Dictionary<string, AppointmentRecord> { [_tomorrow.Id] = Nothing });

        Assert.True(_tomorrow.Invitees.Single(i => i.ClientId == _carol.Id).CreateInvoice);
    }
}
