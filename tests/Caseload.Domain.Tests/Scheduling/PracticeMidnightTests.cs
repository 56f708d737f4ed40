using Caseload.Domain.Practices;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using NodaTime;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>
/// "Today" is the practice's calendar day in its own zone, not UTC's: a session at 00:30 on 2 December
/// in New York is tomorrow until midnight there, although UTC passed midnight five hours earlier.
/// </summary>
public class PracticeMidnightTests
{
    private static readonly Practice NewYorkPractice = Practice.CreateDefault("Harbor Counselling", "America/New_York");

    /// <summary>1 December 23:59 in New York = 2 December 04:59 UTC.</summary>
    private static readonly Instant OneMinuteToMidnight = Instant.FromUtc(2026, 12, 2, 4, 59);

    /// <summary>2 December 00:00:01 in New York.</summary>
    private static readonly Instant OneSecondPastMidnight = Instant.FromUtc(2026, 12, 2, 5, 0, 1);

    private readonly SessionOn _session = Booked();

    [Fact]
    public void Today_OneMinuteBeforeNewYorkMidnight_IsStillTheFirst_ThoughUtcIsOnTheSecond()
    {
        Assert.Equal(new LocalDate(2026, 12, 2), OneMinuteToMidnight.InUtc().Date);
        Assert.Equal(new LocalDate(2026, 12, 1), NewYorkPractice.Today(OneMinuteToMidnight));
    }

    [Fact]
    public void RemoveInvitee_OneMinuteBeforeMidnight_OfASessionAtHalfPastMidnight_IsAllowedAsTomorrow_Rule6()
    {
        var outcome = _session.Appointment.RemoveInvitee(_session.Alice.Id, NewYorkPractice.Today(OneMinuteToMidnight));

        Assert.True(outcome.Succeeded);
        Assert.DoesNotContain(_session.Appointment.Invitees, i => i.ClientId == _session.Alice.Id);
    }

    [Fact]
    public void MarkMissed_OneMinuteBeforeMidnight_OfASessionAtHalfPastMidnight_IsNotYetMissable_Rule7()
    {
        var outcome = _session.Appointment.MarkMissed(_session.Alice.Id, "No-show", 0m, "Dr Morgan",
            NewYorkPractice.Today(OneMinuteToMidnight), OneMinuteToMidnight);

        Assert.Equal("not-yet-missable", Assert.Single(outcome.Refusals).Code);
    }

    [Fact]
    public void RemoveInvitee_OneSecondPastMidnight_OfASessionAtHalfPastMidnight_IsRefusedAsToday_Rule6()
    {
        var outcome = _session.Appointment.RemoveInvitee(_session.Alice.Id, NewYorkPractice.Today(OneSecondPastMidnight));

        Assert.Equal("invitee-removal-locked", Assert.Single(outcome.Refusals).Code);
    }

    [Fact]
    public void MarkMissed_OneSecondPastMidnight_OfASessionAtHalfPastMidnight_IsAllowedAsToday_Rule7()
    {
        var outcome = _session.Appointment.MarkMissed(_session.Alice.Id, "No-show", 0m, "Dr Morgan",
            NewYorkPractice.Today(OneSecondPastMidnight), OneSecondPastMidnight);

        Assert.True(outcome.Succeeded);
        Assert.Equal(InviteeStatus.Missed, _session.Appointment.Invitees.Single(i => i.ClientId == _session.Alice.Id).Status);
    }

    /// <summary>Alice and Bob's group session on 2 December at 00:30 New York time.</summary>
    private static SessionOn Booked()
    {
        var alice = People.ClientOf(A.Morgan, "Alice");
        var bob = People.ClientOf(A.Morgan, "Bob");
        var group = A.Group().With(alice, bob).Build();
        var appointment = ASession.OfGroup(group, alice, bob).At(new LocalDateTime(2026, 12, 2, 0, 30)).SaveOne();
        Assert.Equal(Instant.FromUtc(2026, 12, 2, 5, 30), appointment.StartsAt);
        return new SessionOn(group, alice, bob, appointment, [appointment]);
    }
}
