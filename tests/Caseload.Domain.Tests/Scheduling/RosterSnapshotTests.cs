using Caseload.Domain.Clients;
using Caseload.Domain.Tests.Infrastructure;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>Rule 3: saving copies the roster into each appointment; later changes to the group do not reach it.</summary>
public class RosterSnapshotTests
{
    private readonly Client _alice = People.ClientOf(A.Morgan, "Alice");
    private readonly Client _bob = People.ClientOf(A.Morgan, "Bob");

    [Fact]
    public void Snapshot_AMemberWhoJoinsAfterBooking_IsNotInvitedToTheExistingAppointment_Rule3()
    {
        var group = A.Group().With(_alice).Build();
        var appointment = ASession.OfGroup(group, _alice).SaveOne();

        Assert.True(group.AddMember(_bob, A.Today).Succeeded);

        Assert.Equal(_alice.Id, Assert.Single(appointment.Invitees).ClientId);
    }

    [Fact]
    public void Snapshot_AMemberWhoLeavesAfterBooking_StaysInvitedToTheExistingAppointment_Rule3()
    {
        var group = A.Group().With(_alice, _bob).Build();
        var appointment = ASession.OfGroup(group, _alice, _bob).SaveOne();

        Assert.True(group.RemoveMember(_bob.Id, A.Today).Succeeded);

        Assert.Contains(appointment.Invitees, i => i.ClientId == _bob.Id);
        Assert.Equal(2, appointment.Invitees.Count);
    }

    [Fact]
    public void Snapshot_EveryOccurrenceOfASeries_KeepsTheRosterItWasSavedWith_Rule3()
    {
        var group = A.Group().With(_alice).Build();
        var series = ASession.OfGroup(group, _alice).Weekly(count: 3).Save();

        Assert.True(group.AddMember(_bob, A.Today).Succeeded);
        Assert.True(group.RemoveMember(_alice.Id, A.Today).Succeeded);

        Assert.All(series, a => Assert.Equal(_alice.Id, Assert.Single(a.Invitees).ClientId));
    }

    [Fact]
    public void Snapshot_EachOccurrenceHasItsOwnInviteeRows_Rule3()
    {
        var group = A.Group().With(_alice).Build();
        var series = ASession.OfGroup(group, _alice).Weekly(count: 2).Save();

        Assert.Equal(series[0].Id, Assert.Single(series[0].Invitees).AppointmentId);
        Assert.Equal(series[1].Id, Assert.Single(series[1].Invitees).AppointmentId);
        Assert.NotSame(series[0].Invitees[0], series[1].Invitees[0]);
    }
}
