using Caseload.Domain.Reminders;
using Caseload.Domain.Tests.Scheduling;
using NodaTime;

namespace Caseload.Domain.Tests.Reminders;

/// <summary>
/// Rule 10, "sent at most once and never lost": what one delivery attempt does to a reminder —
/// retries with backoff after a transient failure, gives up after four attempts, never resends after an interruption.
/// </summary>
public class ReminderDeliveryTests
{
    private readonly Reminder _reminder;

    public ReminderDeliveryTests()
    {
        var alice = Opted.ToEmail("Alice");
        _reminder = Opted.Planned(ASession.With(alice).SaveOne(), [alice]).Single(r => r.LeadHours == 48);
    }

    private Instant Due => _reminder.DueAt;

    /// <summary>
    /// The dispatcher claims a reminder with a conditional UPDATE in the database that also counts the
    /// attempt; the entity has no verb for it, so the test counts the attempt the way that UPDATE does.
    /// </summary>
    private void Claim() =>
        typeof(Reminder).GetProperty(nameof(Reminder.Attempts))!.SetValue(_reminder, _reminder.Attempts + 1);

    private void FailOnceAt(Instant now)
    {
        Claim();
        _reminder.AttemptFailed("Email server: connection refused", now);
    }

    [Fact]
    public void Delivered_RecordsSentAndWhen_Rule10()
    {
        Claim();
        _reminder.Delivered(Due + Duration.FromSeconds(3));

        Assert.Equal(ReminderStatus.Sent, _reminder.Status);
        Assert.Equal(Due + Duration.FromSeconds(3), _reminder.SentAt);
        Assert.Null(_reminder.ClaimedUntil);
    }

    [Fact]
    public void AFirstTransientFailure_KeepsItPendingAndRetriesAMinuteLater_Rule10()
    {
        FailOnceAt(Due);

        Assert.Equal(ReminderStatus.Pending, _reminder.Status);
        Assert.Equal(Due + Duration.FromMinutes(1), _reminder.NextAttemptAt);
        Assert.Equal("Email server: connection refused", _reminder.Note);
    }

    [Fact]
    public void TransientFailures_BackOffOneFiveAndFifteenMinutes_Rule10()
    {
        var now = Due;
        var waits = new List<Duration>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            FailOnceAt(now);
            waits.Add(_reminder.NextAttemptAt - now);
            now = _reminder.NextAttemptAt;
        }

        Assert.Equal([Duration.FromMinutes(1), Duration.FromMinutes(5), Duration.FromMinutes(15)], waits);
        Assert.Equal(ReminderStatus.Pending, _reminder.Status);
    }

    [Fact]
    public void AFourthTransientFailure_GivesUpAsFailedKeepingTheError_Rule10()
    {
        var now = Due;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            FailOnceAt(now);
            now = _reminder.NextAttemptAt;
        }

        Claim();
        _reminder.AttemptFailed("Text service answered 503.", now);

        Assert.Equal(Reminder.MaxAttempts, _reminder.Attempts);
        Assert.Equal(ReminderStatus.Failed, _reminder.Status);
        Assert.Equal("Text service answered 503.", _reminder.Note);
        Assert.Null(_reminder.ClaimedUntil);
    }

    [Fact]
    public void AnUndeliverableMessage_FailsAtOnceKeepingTheError_Rule10()
    {
        Claim();
        _reminder.Undeliverable("Text service refused the message (400): invalid 'To' number");

        Assert.Equal(ReminderStatus.Failed, _reminder.Status);
        Assert.Equal(1, _reminder.Attempts);
        Assert.Contains("400", _reminder.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void AVeryLongError_IsKeptShortenedTo500Characters()
    {
        FailOnceAt(Due);
        _reminder.AttemptFailed(new string('e', 2000), Due);

        Assert.Equal(500, _reminder.Note!.Length);
    }

    [Fact]
    public void AnInterruptedSend_IsFailedNotSentAgain_AndSaysSo_Rule10()
    {
        Claim();
        _reminder.Interrupted();

        Assert.Equal(ReminderStatus.Failed, _reminder.Status);
        Assert.Null(_reminder.SentAt);
        Assert.Contains("not sent again", _reminder.Note, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AnInterruptedSend_IsMarkedUncertain_SoStaffSeeItApartFromCertainFailures_Rule10()
    {
        Claim();
        _reminder.HandingOver(Due);
        _reminder.Interrupted();

        Assert.True(_reminder.DeliveryUncertain);
    }

    [Fact]
    public void AHandOverBrokenOff_FailsItAsUncertain_AndKeepsWhenTheHandOverBegan_Rule10()
    {
        Claim();
        _reminder.HandingOver(Due);
        _reminder.BrokenOff("The email server stopped answering while taking the message: it may or may not have been delivered.");

        Assert.Equal((ReminderStatus.Failed, true, Due), (_reminder.Status, _reminder.DeliveryUncertain, _reminder.HandOverAt));
        Assert.Null(_reminder.ClaimId);
    }

    [Fact]
    public void ARefusal_AfterTheHandOverBegan_IsACertainFailure()
    {
        Claim();
        _reminder.HandingOver(Due);
        _reminder.Undeliverable("550 no such mailbox");

        Assert.Equal((ReminderStatus.Failed, false), (_reminder.Status, _reminder.DeliveryUncertain));
    }

    [Fact]
    public void ATransientFailure_ClearsTheHandOverMark_SoTheNextAttemptCanBeginItsOwn_Rule10()
    {
        Claim();
        _reminder.HandingOver(Due);
        _reminder.AttemptFailed("451 try again later", Due);

        Assert.Equal(ReminderStatus.Pending, _reminder.Status);
        Assert.Null(_reminder.HandOverAt);
    }

    [Fact]
    public void TooLate_CancelsItWithAReason_Rule10()
    {
        _reminder.TooLate();

        Assert.Equal(ReminderStatus.Cancelled, _reminder.Status);
        Assert.False(string.IsNullOrEmpty(_reminder.Note));
    }

    [Fact]
    public void Cancel_OfASentReminder_LeavesItSent_Rule10()
    {
        Claim();
        _reminder.Delivered(Due);

        _reminder.Cancel("The appointment was cancelled.");

        Assert.Equal(ReminderStatus.Sent, _reminder.Status);
        Assert.Null(_reminder.Note);
    }

    [Fact]
    public void Cancel_OfAFailedReminder_LeavesItFailedWithItsError_Rule10()
    {
        Claim();
        _reminder.Undeliverable("550 no such mailbox");

        _reminder.Cancel("The appointment was cancelled.");

        Assert.Equal(ReminderStatus.Failed, _reminder.Status);
        Assert.Equal("550 no such mailbox", _reminder.Note);
    }
}
