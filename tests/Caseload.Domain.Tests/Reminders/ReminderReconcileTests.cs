using Caseload.Domain.Reminders;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using Caseload.Domain.Tests.Scheduling;
using NodaTime;

namespace Caseload.Domain.Tests.Reminders;

/// <summary>Rule 10: removal, cancellation or rescheduling cancels or moves pending reminders; a sent one is never planned again.</summary>
public class ReminderReconcileTests
{
    private readonly Domain.Clients.Client _alice = Opted.ToBoth("Alice");
    private readonly Domain.Clients.Client _bob = Opted.ToEmail("Bob");
    private readonly Appointment _session;
    private readonly List<Reminder> _rows;

    public ReminderReconcileTests()
    {
        var group = A.Group().With(_alice, _bob).Build();
        _session = ASession.OfGroup(group, _alice, _bob).SaveOne();
        _rows = Opted.Planned(_session, [_alice, _bob]);
    }

    /// <summary>What saving a change does: bring the rows in step, adding the ones it plans.</summary>
    private IReadOnlyList<Reminder> Reconcile(Instant? now = null)
    {
        var planned = ReminderPlan.Reconcile(_session.Id, _rows, Opted.Wanted(_session, [_alice, _bob], now));
        _rows.AddRange(planned);
        return planned;
    }

    private IEnumerable<Reminder> Of(Domain.Clients.Client client, ReminderStatus status) =>
        _rows.Where(r => r.ClientId == client.Id && r.Status == status);

    [Fact]
    public void Reconcile_OfANewAppointment_PlansOnePendingRowPerWantedReminder_Rule10()
    {
        Assert.Equal(6, _rows.Count);
        Assert.All(_rows, r => Assert.Equal(ReminderStatus.Pending, r.Status));
        Assert.All(_rows, r => Assert.Equal(_session.Id, r.AppointmentId));
        Assert.All(_rows, r => Assert.Equal(0, r.Attempts));
        Assert.All(_rows, r => Assert.Equal(r.DueAt, r.NextAttemptAt));
        Assert.Equal(6, _rows.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void Reconcile_WithNothingChanged_PlansNothingTwiceAndCancelsNothing_Rule10()
    {
        Assert.Empty(Reconcile());

        Assert.Equal(6, _rows.Count(r => r.Status == ReminderStatus.Pending));
    }

    [Fact]
    public void Reconcile_AfterAnInviteeIsRemoved_CancelsTheirPendingRemindersOnly_Rule6_Rule10()
    {
        Assert.True(_session.RemoveInvitee(_bob.Id, A.Today).Succeeded);

        Assert.Empty(Reconcile());

        Assert.Equal(2, Of(_bob, ReminderStatus.Cancelled).Count());
        Assert.Empty(Of(_bob, ReminderStatus.Pending));
        Assert.Equal(4, Of(_alice, ReminderStatus.Pending).Count());
    }

    [Fact]
    public void Reconcile_AfterTheAppointmentIsCancelled_CancelsEveryPendingReminder_Rule10()
    {
        Assert.True(_session.Cancel().Succeeded);

        Assert.Empty(Reconcile());

        Assert.All(_rows, r => Assert.Equal(ReminderStatus.Cancelled, r.Status));
        Assert.All(_rows, r => Assert.False(string.IsNullOrEmpty(r.Note)));
    }

    [Fact]
    public void Reconcile_AfterTheAppointmentIsRescheduled_CancelsTheOldAndPlansTheMovedOnes_Rule10()
    {
        var old = _rows.ToList();
        Assert.True(_session.Reschedule(new SessionSlot(ASession.NextTuesdayAt10.PlusDays(1).PlusHours(4), 50, null), ASession.NewYork).Succeeded);

        var moved = Reconcile();

        Assert.All(old, r => Assert.Equal(ReminderStatus.Cancelled, r.Status));
        Assert.Equal(6, moved.Count);
        Assert.All(moved, r => Assert.Equal(ReminderStatus.Pending, r.Status));
        Assert.Equal(
            old.Select(r => (r.ClientId, r.Channel, r.LeadHours, r.DueAt + Duration.FromHours(28))).Order().ToArray(),
            moved.Select(r => (r.ClientId, r.Channel, r.LeadHours, r.DueAt)).Order().ToArray());
    }

    [Fact]
    public void Reconcile_AfterTheAppointmentIsMovedIntoTheLeadWindow_PlansOnlyTheRemindersStillAhead_Rule10()
    {
        Assert.True(_session.Reschedule(new SessionSlot(new LocalDateTime(2026, 12, 2, 9, 0), 50, null), ASession.NewYork).Succeeded);

        var moved = Reconcile();

        Assert.All(moved, r => Assert.Equal(2, r.LeadHours));
        Assert.Equal(3, moved.Count);
    }

    [Fact]
    public void Reconcile_AfterAClientOptsOutOfText_CancelsOnlyTheirTextReminders_Rule10()
    {
        Assert.True(_alice.Update(A.ValidDetails() with { FirstName = "Alice", Reminders = new(Email: true, Text: false) }, A.Today).Succeeded);

        Assert.Empty(Reconcile());

        Assert.All(_rows.Where(r => r.ClientId == _alice.Id && r.Channel == Channel.Text), r => Assert.Equal(ReminderStatus.Cancelled, r.Status));
        Assert.Equal(2, _rows.Count(r => r.ClientId == _alice.Id && r.Channel == Channel.Email && r.Status == ReminderStatus.Pending));
        Assert.Equal(2, Of(_bob, ReminderStatus.Pending).Count());
    }

    [Fact]
    public void Reconcile_AfterAClientOptsBackIn_PlansTheirRemindersAgain_Rule10()
    {
        var optedOut = A.ValidDetails() with { FirstName = "Bob" };
        Assert.True(_bob.Update(optedOut, A.Today).Succeeded);
        Reconcile();
        Assert.True(_bob.Update(optedOut with { Reminders = new(Email: true, Text: false) }, A.Today).Succeeded);

        var planned = Reconcile();

        Assert.Equal(2, planned.Count);
        Assert.All(planned, r => Assert.Equal((_bob.Id, ReminderStatus.Pending), (r.ClientId, r.Status)));
    }

    [Fact]
    public void Reconcile_NeverPlansAgainAReminderAlreadySent_Rule10()
    {
        var sent = _rows.First(r => r.ClientId == _bob.Id && r.LeadHours == 48);
        sent.Delivered(sent.DueAt);

        Assert.Empty(Reconcile(now: sent.DueAt - Duration.FromMinutes(1)));

        Assert.Equal(ReminderStatus.Sent, sent.Status);
        Assert.Single(_rows, r => r.ClientId == _bob.Id && r.Channel == Channel.Email && r.LeadHours == 48);
    }

    [Fact]
    public void Reconcile_NeverPlansAgainAReminderThatFailed_Rule10()
    {
        var failed = _rows.First(r => r.ClientId == _bob.Id && r.LeadHours == 48);
        failed.Undeliverable("550 mailbox unavailable");

        Assert.Empty(Reconcile());

        Assert.Single(_rows, r => r.ClientId == _bob.Id && r.Channel == Channel.Email && r.LeadHours == 48);
    }

    [Fact]
    public void Reconcile_AfterCancellation_LeavesASentReminderSent_Rule10()
    {
        var sent = _rows.First(r => r.ClientId == _alice.Id && r.LeadHours == 48);
        sent.Delivered(sent.DueAt);
        Assert.True(_session.Cancel().Succeeded);

        Reconcile();

        Assert.Equal(ReminderStatus.Sent, sent.Status);
        Assert.Equal(sent.DueAt, sent.SentAt);
        Assert.All(_rows.Where(r => r != sent), r => Assert.Equal(ReminderStatus.Cancelled, r.Status));
    }

    [Fact]
    public void Reconcile_AfterTheAppointmentIsRescheduled_LeavesASentReminderAloneAndPlansForTheNewTime_Rule10()
    {
        var sent = _rows.First(r => r.ClientId == _bob.Id && r.LeadHours == 48);
        sent.Delivered(sent.DueAt);
        Assert.True(_session.Reschedule(new SessionSlot(ASession.NextTuesdayAt10.PlusDays(7), 50, null), ASession.NewYork).Succeeded);

        var moved = Reconcile(now: sent.DueAt + Duration.FromMinutes(1));

        Assert.Equal(ReminderStatus.Sent, sent.Status);
        Assert.Contains(moved, r => r.ClientId == _bob.Id && r.LeadHours == 48 && r.DueAt == _session.StartsAt - Duration.FromHours(48));
    }
}
