using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>
/// Rules 6 and 7 as one matrix: the session's day (past, today after saving, tomorrow, later) against
/// its kind (a single appointment, an occurrence of a series). Removal is for sessions not yet
/// reached; marking missed is for sessions reached.
/// </summary>
public class AttendanceMatrixTests
{
    private const string Morgan = "Dr Morgan";

    public static readonly MatrixTheoryData<Day, Kind> NotYetReached = new([Day.Tomorrow, Day.Later], [Kind.Single, Kind.SeriesOccurrence]);

    public static readonly MatrixTheoryData<Day, Kind> Reached = new([Day.Past, Day.Today], [Kind.Single, Kind.SeriesOccurrence]);

    public static readonly TheoryData<Kind> Kinds = [Kind.Single, Kind.SeriesOccurrence];

    public static readonly TheoryData<Day> TomorrowOrLater = [Day.Tomorrow, Day.Later];

    public static readonly TheoryData<Day> PastOrToday = [Day.Past, Day.Today];

    [Theory]
    [MemberData(nameof(NotYetReached))]
    public void RemoveInvitee_TomorrowOrLater_TakesTheClientOffThatAppointment_Rule6(Day day, Kind kind)
    {
        var session = SessionOn.Booked(day, kind);

        var outcome = session.Appointment.RemoveInvitee(session.Alice.Id, A.Today);

        Assert.True(outcome.Succeeded);
        Assert.Equal(session.Bob.Id, Assert.Single(session.Appointment.Invitees).ClientId);
    }

    [Theory]
    [MemberData(nameof(TomorrowOrLater))]
    public void RemoveInvitee_FromAnOccurrenceTomorrowOrLater_TheSeriesOtherOccurrencesKeepTheClient_Rule6(Day day)
    {
        var session = SessionOn.Booked(day, Kind.SeriesOccurrence);

        session.Appointment.RemoveInvitee(session.Alice.Id, A.Today);

        Assert.Equal(2, session.OtherOccurrences.Count());
        Assert.All(session.OtherOccurrences, a => Assert.Contains(a.Invitees, i => i.ClientId == session.Alice.Id));
    }

    [Theory]
    [MemberData(nameof(NotYetReached))]
    public void RemoveInvitee_TomorrowOrLater_TheClientStaysInTheGroup_Rule6(Day day, Kind kind)
    {
        var session = SessionOn.Booked(day, kind);

        session.Appointment.RemoveInvitee(session.Alice.Id, A.Today);

        Assert.Contains(session.Group.CurrentMembers, m => m.ClientId == session.Alice.Id);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void RemoveInvitee_OnTheDayAfterSaving_IsRefused_Rule6(Kind kind)
    {
        var session = SessionOn.Booked(Day.Today, kind);

        var refusal = Assert.Single(session.Appointment.RemoveInvitee(session.Alice.Id, A.Today).Refusals);

        Assert.Equal("invitee-removal-locked", refusal.Code);
        Assert.Contains("missed", refusal.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void RemoveInvitee_OfAPastAppointment_IsRefused_Rule6(Kind kind)
    {
        var session = SessionOn.Booked(Day.Past, kind);

        var refusal = Assert.Single(session.Appointment.RemoveInvitee(session.Alice.Id, A.Today).Refusals);

        Assert.Equal("invitee-removal-locked", refusal.Code);
        Assert.Contains("missed", refusal.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Reached))]
    public void RemoveInvitee_WhenLocked_ChangesNothing_Rule6(Day day, Kind kind)
    {
        var session = SessionOn.Booked(day, kind);

        session.Appointment.RemoveInvitee(session.Alice.Id, A.Today);

        Assert.Equal(2, session.Appointment.Invitees.Count);
        Assert.Equal(1, session.Appointment.Version);
    }

    [Theory]
    [MemberData(nameof(Reached))]
    public void MarkMissed_OnTheSessionsDayOrAfter_RecordsTheMissedNote_Rule7(Day day, Kind kind)
    {
        var session = SessionOn.Booked(day, kind);

        var outcome = session.Appointment.MarkMissed(session.Alice.Id, "Unwell", 25.00m, Morgan, A.Today, ASession.Now);

        Assert.True(outcome.Succeeded);
        var alice = session.Appointment.Invitees.Single(i => i.ClientId == session.Alice.Id);
        Assert.Equal(InviteeStatus.Missed, alice.Status);
        Assert.Equal(InviteeStatus.Invited, session.Appointment.Invitees.Single(i => i.ClientId == session.Bob.Id).Status);
    }

    [Theory]
    [MemberData(nameof(PastOrToday))]
    public void MarkMissed_OfAnOccurrence_LeavesTheSeriesOtherOccurrencesAsTheyWere_Rule7(Day day)
    {
        var session = SessionOn.Booked(day, Kind.SeriesOccurrence);

        session.Appointment.MarkMissed(session.Alice.Id, "Unwell", 0m, Morgan, A.Today, ASession.Now);

        Assert.All(session.OtherOccurrences.SelectMany(a => a.Invitees), i => Assert.Equal(InviteeStatus.Invited, i.Status));
    }

    [Theory]
    [MemberData(nameof(NotYetReached))]
    public void MarkMissed_TomorrowOrLater_IsRefusedAsNotYetMissable_Rule7(Day day, Kind kind)
    {
        var session = SessionOn.Booked(day, kind);

        var outcome = session.Appointment.MarkMissed(session.Alice.Id, "Unwell", 25.00m, Morgan, A.Today, ASession.Now);

        Assert.Equal("not-yet-missable", Assert.Single(outcome.Refusals).Code);
        Assert.All(session.Appointment.Invitees, i => Assert.Equal(InviteeStatus.Invited, i.Status));
        Assert.Equal(1, session.Appointment.Version);
    }

    [Theory]
    [MemberData(nameof(NotYetReached))]
    public void MarkMissed_TomorrowOrLater_IsRefusedEvenWithoutAReason_TheDayIsCheckedFirst_Rule7(Day day, Kind kind)
    {
        var session = SessionOn.Booked(day, kind);

        var outcome = session.Appointment.MarkMissed(session.Alice.Id, null, -1m, Morgan, A.Today, ASession.Now);

        Assert.Equal("not-yet-missable", Assert.Single(outcome.Refusals).Code);
    }
}
