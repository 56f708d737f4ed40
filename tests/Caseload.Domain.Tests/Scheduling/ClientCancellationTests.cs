using Caseload.Domain.Practices;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using NodaTime;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>A client cancelling their own session in the portal: in time, late with the fee, or not at all.</summary>
public class ClientCancellationTests
{
    private const string Client = "Alice (client portal)";

    [Fact]
    public void CancelSeat_BeforeTheSessionsDay_TakesTheClientOffThatAppointmentAlone_AndRemembersIt()
    {
        var session = SessionOn.Booked(Day.Later, Kind.SeriesOccurrence);

        var outcome = session.Appointment.CancelSeat(session.Alice.Id, A.Today, ASession.Now);

        Assert.True(outcome.Succeeded);
        Assert.Equal([session.Bob.Id], session.Appointment.Invitees.Select(i => i.ClientId));
        Assert.Equal(session.Alice.Id, Assert.Single(session.Appointment.Uninvited).ClientId);
        Assert.All(session.OtherOccurrences, a => Assert.Contains(a.Invitees, i => i.ClientId == session.Alice.Id));
    }

    [Fact]
    public void CancelSeat_OnTheSessionsDayBeforeItStarts_IsAllowed_ThoughStaffCouldNoLongerRemoveThem()
    {
        var session = SessionOn.Booked(Day.Today, Kind.Single);
        Assert.False(session.Appointment.RemoveInvitee(session.Alice.Id, A.Today).Succeeded);

        Assert.True(session.Appointment.CancelSeat(session.Alice.Id, A.Today, ASession.Now).Succeeded);
    }

    [Fact]
    public void CancelSeat_OnceTheSessionStarted_IsRefusedSessionStarted()
    {
        var session = SessionOn.Booked(Day.Today, Kind.Single);
        var started = session.Appointment.StartsAt + Duration.FromMinutes(1);

        var refusal = session.Appointment.CancelSeat(session.Alice.Id, A.Today, started).First;

        Assert.Equal(RefusalCodes.SessionStarted, refusal?.Code);
        Assert.Equal(2, session.Appointment.Invitees.Count);
    }

    [Fact]
    public void CancelSeat_OfAPastSession_IsRefusedSessionStarted()
    {
        var session = SessionOn.Booked(Day.Past, Kind.Single);

        Assert.Equal(RefusalCodes.SessionStarted, session.Appointment.CancelSeat(session.Alice.Id, A.Today, ASession.Now).First?.Code);
    }

    [Fact]
    public void CancelSeat_OfACancelledSession_IsRefusedAppointmentCancelled()
    {
        var session = SessionOn.Booked(Day.Later, Kind.Single);
        session.Appointment.Cancel();

        Assert.Equal(RefusalCodes.AppointmentCancelled, session.Appointment.CancelSeat(session.Alice.Id, A.Today, ASession.Now).First?.Code);
    }

    [Fact]
    public void CancelSeat_OfAnIndividualSession_IsRefused_TheAppointmentIsCancelledInstead()
    {
        var alice = People.ClientOf(A.Morgan, "Alice");
        var appointment = ASession.With(alice).Save()[0];

        Assert.Equal(RefusalCodes.OnlyInvitee, appointment.CancelSeat(alice.Id, A.Today, ASession.Now).First?.Code);
    }

    [Fact]
    public void CancelLate_BeforeTheSessionsDay_MarksTheClientMissedWithTheFeeAndTheLateReason_Rule7()
    {
        var session = SessionOn.Booked(Day.Tomorrow, Kind.Single);

        var outcome = session.Appointment.CancelLate(session.Alice.Id, 35.00m, Client, ASession.Now);

        Assert.True(outcome.Succeeded);
        var alice = session.Appointment.Invitees.Single(i => i.ClientId == session.Alice.Id);
        Assert.Equal((InviteeStatus.Missed, ClientCancellation.LateReason, 35.00m, Client), (alice.Status, alice.MissedReason, alice.MissedCharge, alice.MissedBy));
        Assert.Equal(InviteeStatus.Invited, session.Appointment.Invitees.Single(i => i.ClientId == session.Bob.Id).Status);
    }

    [Fact]
    public void CancelLate_WhenTheClientIsAlreadyMarked_IsRefusedAttendanceRecorded()
    {
        var session = SessionOn.Booked(Day.Today, Kind.Single);
        session.Appointment.MarkMissed(session.Alice.Id, "Called in sick", 0m, "Dr Morgan", A.Today, ASession.Now);

        Assert.Equal(RefusalCodes.AttendanceRecorded, session.Appointment.CancelLate(session.Alice.Id, 35m, Client, ASession.Now).First?.Code);
    }

    [Fact]
    public void CancelLate_WithANegativeFee_IsRefusedNamingCharge()
    {
        var session = SessionOn.Booked(Day.Tomorrow, Kind.Single);

        Assert.Equal("charge", session.Appointment.CancelLate(session.Alice.Id, -1m, Client, ASession.Now).First?.Field);
    }

    [Fact]
    public void Refuses_AClientNotOnTheSession()
    {
        var session = SessionOn.Booked(Day.Later, Kind.Single);

        Assert.Equal(RefusalCodes.NotInvited, ClientCancellation.Refuses(session.Appointment, "someone-else", ASession.Now)?.Code);
    }

    [Fact]
    public void FeeToConfirm_NamesTheFeeInItsMessageAndAsAFact()
    {
        var refusal = ClientCancellation.FeeToConfirm(35.00m, "USD", PortalPolicy.Default);

        Assert.Equal(RefusalCodes.LateCancelFee, refusal.Code);
        Assert.Contains("35.00 USD", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("24 hours", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(35.00m, refusal.Facts![ClientCancellation.FeeFact]);
    }

    [Fact]
    public void FeeToConfirm_OfZero_SaysThereIsNoFee_ButItIsStillALateCancellation()
    {
        var refusal = ClientCancellation.FeeToConfirm(0m, "USD", PortalPolicy.Default);

        Assert.Contains("no fee", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("late cancellation", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0m, refusal.Facts![ClientCancellation.FeeFact]);
    }
}
