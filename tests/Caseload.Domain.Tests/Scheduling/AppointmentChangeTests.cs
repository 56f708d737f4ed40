using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using NodaTime;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>Moving, resizing and cancelling one saved appointment (rule 4: occurrences are editable one by one).</summary>
public class AppointmentChangeTests
{
    private readonly Appointment _appointment = ASession.With(People.ClientOf(A.Morgan, "Alice")).SaveOne();

    [Fact]
    public void Reschedule_MovesTheSessionKeepsItsInviteesAndBumpsTheVersion()
    {
        var invitees = _appointment.Invitees.Select(i => i.ClientId).ToArray();

        var outcome = _appointment.Reschedule(new SessionSlot(new LocalDateTime(2026, 12, 9, 14, 0), 90, "Room 3"), ASession.NewYork);

        Assert.True(outcome.Succeeded);
        Assert.Equal(new LocalDate(2026, 12, 9), _appointment.Date);
        Assert.Equal(Instant.FromUtc(2026, 12, 9, 19, 0), _appointment.StartsAt);
        Assert.Equal(Instant.FromUtc(2026, 12, 9, 20, 30), _appointment.EndsAt);
        Assert.Equal("Room 3", _appointment.Location);
        Assert.Equal(invitees, _appointment.Invitees.Select(i => i.ClientId));
        Assert.Equal(2, _appointment.Version);
    }

    [Fact]
    public void Reschedule_IntoTheSpringForwardGap_MovesForwardByTheGap_Rule4()
    {
        _appointment.Reschedule(new SessionSlot(new LocalDateTime(2027, 3, 14, 2, 30), 50, null), ASession.NewYork);

        Assert.Equal(new LocalDateTime(2027, 3, 14, 3, 30), _appointment.Start);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public void Reschedule_ToALengthOutsideFiveMinutesToEightHours_IsRefusedAndChangesNothing(int minutes)
    {
        var outcome = _appointment.Reschedule(new SessionSlot(ASession.NextTuesdayAt10.PlusHours(1), minutes, null), ASession.NewYork);

        Assert.Equal("durationMinutes", Assert.Single(outcome.Refusals).Field);
        Assert.Equal(ASession.NextTuesdayAt10, _appointment.Start);
        Assert.Equal(1, _appointment.Version);
    }

    [Fact]
    public void Cancel_MarksItCancelledAndBumpsTheVersion()
    {
        Assert.True(_appointment.Cancel().Succeeded);

        Assert.Equal(AppointmentStatus.Cancelled, _appointment.Status);
        Assert.Equal(2, _appointment.Version);
    }

    [Fact]
    public void Cancel_Twice_IsRefusedAsAppointmentCancelled()
    {
        _appointment.Cancel();

        Assert.Equal("appointment-cancelled", Assert.Single(_appointment.Cancel().Refusals).Code);
    }

    [Fact]
    public void Reschedule_OfACancelledAppointment_IsRefusedAsAppointmentCancelled()
    {
        _appointment.Cancel();

        var outcome = _appointment.Reschedule(new SessionSlot(ASession.NextTuesdayAt10.PlusDays(1), 50, null), ASession.NewYork);

        Assert.Equal("appointment-cancelled", Assert.Single(outcome.Refusals).Code);
        Assert.Equal(ASession.NextTuesdayAt10, _appointment.Start);
    }
}
