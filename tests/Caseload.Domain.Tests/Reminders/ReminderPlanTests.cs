using Caseload.Domain.Reminders;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using Caseload.Domain.Tests.Scheduling;
using NodaTime;

namespace Caseload.Domain.Tests.Reminders;

/// <summary>Rule 10: which reminders an appointment should have — per opted-in invitee and channel, at each lead time.</summary>
public class ReminderPlanTests
{
    [Fact]
    public void Reminders_AtTheDefaultLeadTimes_AreDue48HoursAnd2HoursBeforeTheStart_Rule10()
    {
        var alice = Opted.ToEmail("Alice");
        var appointment = ASession.With(alice).SaveOne();

        var wanted = Opted.Wanted(appointment, [alice]);

        Assert.Equal(
            [(48, appointment.StartsAt - Duration.FromHours(48)), (2, appointment.StartsAt - Duration.FromHours(2))],
            wanted.Select(w => (w.LeadHours, w.DueAt)).ToArray());
        Assert.All(wanted, w => Assert.Equal((alice.Id, Channel.Email), (w.ClientId, w.Channel)));
    }

    [Fact]
    public void Reminders_AtThePracticesOwnLeadTimes_FollowThoseLeadTimes_Rule10()
    {
        var alice = Opted.ToText("Alice");
        var appointment = ASession.With(alice).SaveOne();

        var wanted = ReminderPlan.For(appointment, new Dictionary<string, Domain.Clients.Client> { [alice.Id] = alice }, [72, 24, 1], ASession.Now);

        Assert.Equal([72, 24, 1], wanted.Select(w => w.LeadHours).ToArray());
        Assert.Equal(
            [appointment.StartsAt - Duration.FromHours(72), appointment.StartsAt - Duration.FromHours(24), appointment.StartsAt - Duration.FromHours(1)],
            wanted.Select(w => w.DueAt).ToArray());
    }

    [Fact]
    public void Reminders_OfAGroupAppointment_ArePlannedPerOptedInInviteeOnTheChannelsTheyChose_Rule10()
    {
        var emailOnly = Opted.ToEmail("Emma");
        var textOnly = Opted.ToText("Theo");
        var both = Opted.ToBoth("Bea");
        var optedOut = Opted.Out("Olive");
        var group = A.Group().With(emailOnly, textOnly, both, optedOut).Build();
        var appointment = ASession.OfGroup(group, emailOnly, textOnly, both, optedOut).SaveOne();

        var wanted = Opted.Wanted(appointment, [emailOnly, textOnly, both, optedOut]);

        Assert.Equal(
            new[]
            {
                (emailOnly.Id, Channel.Email), (textOnly.Id, Channel.Text), (both.Id, Channel.Email), (both.Id, Channel.Text),
            }.SelectMany(c => new[] { (c.Item1, c.Item2, 48), (c.Item1, c.Item2, 2) }).Order().ToArray(),
            wanted.Select(w => (w.ClientId, w.Channel, w.LeadHours)).Order().ToArray());
    }

    [Fact]
    public void Reminders_ForAClientWhoOptedOutOfBothChannels_AreNotPlanned_Rule10()
    {
        var olive = Opted.Out("Olive");
        var appointment = ASession.With(olive).SaveOne();

        Assert.Empty(Opted.Wanted(appointment, [olive]));
    }

    [Fact]
    public void Reminders_ForADischargedClient_AreNotPlanned_Rule10()
    {
        var alice = Opted.ToBoth("Alice");
        var appointment = ASession.With(alice).SaveOne();
        Assert.True(alice.Discharge(A.Today).Succeeded);

        Assert.Empty(Opted.Wanted(appointment, [alice]));
    }

    [Fact]
    public void Reminders_ForAClientTheCallerDoesNotKnow_AreNotPlanned_Rule10()
    {
        var alice = Opted.ToBoth("Alice");
        var appointment = ASession.With(alice).SaveOne();

        Assert.Empty(Opted.Wanted(appointment, []));
    }

    [Fact]
    public void Reminders_OfACancelledAppointment_AreNotPlanned_Rule10()
    {
        var alice = Opted.ToBoth("Alice");
        var appointment = ASession.With(alice).SaveOne();
        Assert.True(appointment.Cancel().Succeeded);

        Assert.Empty(Opted.Wanted(appointment, [alice]));
    }

    [Fact]
    public void Reminder_BookedInsideTheLeadWindow_IsNotPlanned_Rule10()
    {
        var alice = Opted.ToEmail("Alice");
        var tomorrowAt10 = ASession.With(alice).At(new LocalDateTime(2026, 12, 2, 10, 0)).SaveOne();

        var wanted = Opted.Wanted(tomorrowAt10, [alice]);

        var only = Assert.Single(wanted);
        Assert.Equal(2, only.LeadHours);
        Assert.Equal(tomorrowAt10.StartsAt - Duration.FromHours(2), only.DueAt);
    }

    [Fact]
    public void Reminders_ForASessionStartingWithinTheShortestLeadTime_AreNotPlannedAtAll_Rule10()
    {
        var alice = Opted.ToBoth("Alice");
        var inAnHour = ASession.With(alice).At(new LocalDateTime(2026, 12, 1, 11, 0)).SaveOne();

        Assert.Empty(Opted.Wanted(inAnHour, [alice]));
    }

    [Fact]
    public void Reminder_DueExactlyNow_IsNotPlanned_Rule10()
    {
        var alice = Opted.ToEmail("Alice");
        var appointment = ASession.With(alice).SaveOne();

        var wanted = Opted.Wanted(appointment, [alice], now: appointment.StartsAt - Duration.FromHours(48));

        Assert.Equal(2, Assert.Single(wanted).LeadHours);
    }

    [Fact]
    public void Reminders_OfAnInviteeAlreadyMarkedMissed_AreNotPlanned_Rule10()
    {
        var alice = Opted.ToEmail("Alice");
        var bob = Opted.ToEmail("Bob");
        var group = A.Group().With(alice, bob).Build();
        var today = ASession.OfGroup(group, alice, bob).At(new LocalDateTime(2026, 12, 1, 18, 0)).SaveOne();
        Assert.True(today.MarkMissed(bob.Id, "Called to say he is ill", 0m, A.Morgan, A.Today, ASession.Now).Succeeded);

        var wanted = Opted.Wanted(today, [alice, bob]);

        Assert.Equal(alice.Id, Assert.Single(wanted).ClientId);
    }

    /// <remarks>
    /// New York springs forward on Sunday 14 March 2027. A session on Monday 15 March at 10:00 EDT
    /// is 14:00 UTC; 48 real hours earlier is 14:00 UTC on Saturday, which is 09:00 EST there — not 10:00.
    /// </remarks>
    [Fact]
    public void Reminder_48HoursBeforeASessionAcrossTheSpringForwardChange_Is48RealHoursBefore_Rule10()
    {
        var alice = Opted.ToEmail("Alice");
        var monday = ASession.With(alice).At(new LocalDateTime(2027, 3, 15, 10, 0)).SaveOne();

        var due = Opted.Wanted(monday, [alice]).Single(w => w.LeadHours == 48).DueAt;

        Assert.Equal(Instant.FromUtc(2027, 3, 13, 14, 0), due);
        Assert.Equal(Duration.FromHours(48), monday.StartsAt - due);
        Assert.Equal(new LocalDateTime(2027, 3, 13, 9, 0), due.InZone(ASession.NewYork).LocalDateTime);
    }

    /// <remarks>New York falls back on Sunday 7 November 2027: 48 real hours before Monday 10:00 EST is Saturday 11:00 EDT.</remarks>
    [Fact]
    public void Reminder_48HoursBeforeASessionAcrossTheFallBackChange_Is48RealHoursBefore_Rule10()
    {
        var alice = Opted.ToEmail("Alice");
        var monday = ASession.With(alice).At(new LocalDateTime(2027, 11, 8, 10, 0)).SaveOne();

        var due = Opted.Wanted(monday, [alice]).Single(w => w.LeadHours == 48).DueAt;

        Assert.Equal(Duration.FromHours(48), monday.StartsAt - due);
        Assert.Equal(new LocalDateTime(2027, 11, 6, 11, 0), due.InZone(ASession.NewYork).LocalDateTime);
    }

    [Fact]
    public void Reminders_OfEachOccurrenceOfASeries_AreDueBeforeThatOccurrence_Rule10()
    {
        var alice = Opted.ToEmail("Alice");
        var series = ASession.With(alice).Weekly(count: 3).Save();

        foreach (var occurrence in series)
        {
            Assert.Equal(
                [occurrence.StartsAt - Duration.FromHours(48), occurrence.StartsAt - Duration.FromHours(2)],
                Opted.Wanted(occurrence, [alice]).Select(w => w.DueAt).ToArray());
        }
    }
}
