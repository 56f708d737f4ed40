using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using Caseload.Domain.Tests.Notes;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>Attendance in one step: everyone still invited is marked attended, then the exceptions; never before the session's day.</summary>
public class AttendanceInOneStepTests
{
    private readonly HeldSession _session = HeldSession.Booked();

    [Fact]
    public void MarkAllAttended_MarksThoseStillInvited_AndLeavesAMissedClientMissed()
    {
        _session.Missed(_session.Bob);

        var outcome = _session.Appointment.MarkAllAttended(A.Today);

        Assert.Equal([_session.Alice.Id], outcome.Value);
        Assert.Equal([InviteeStatus.Attended, InviteeStatus.Missed], _session.Appointment.Invitees.Select(i => i.Status));
    }

    [Fact]
    public void MarkAllAttended_WhenNobodyIsLeftInvited_MarksNobodyAndKeepsTheVersion()
    {
        _session.Attended(_session.Alice);
        _session.Attended(_session.Bob);
        var version = _session.Appointment.Version;

        Assert.Empty(_session.Appointment.MarkAllAttended(A.Today).Value);
        Assert.Equal(version, _session.Appointment.Version);
    }

    [Fact]
    public void MarkAllAttended_BeforeTheSessionsDay_IsRefusedAsNotYetAttendable()
    {
        var alice = People.ClientOf(A.Morgan, "Alice");
        var future = ASession.OfGroup(A.Group().With(alice).Build(), alice).SaveOne();

        Assert.Equal("not-yet-attendable", Assert.Single(future.MarkAllAttended(A.Today).Refusals).Code);
        Assert.All(future.Invitees, i => Assert.Equal(InviteeStatus.Invited, i.Status));
    }
}
