using NodaTime;

namespace Caseload.Domain.Reminders;

public enum Channel
{
    Email,
    Text,
}

public enum ReminderStatus
{
    Pending,
    Sending,
    Sent,
    Cancelled,
    Failed,
}

/// <summary>
/// One message to one client about one appointment, at one lead time (rule 10). A row, so it is
/// never lost across restarts; its status moves Pending → Sending → Sent at most once.
/// </summary>
public sealed class Reminder
{
    public const int MaxAttempts = 4;

    /// <summary>Waits before the second, third and fourth attempts after a transient failure.</summary>
    public static readonly IReadOnlyList<Duration> Backoff = [Duration.FromMinutes(1), Duration.FromMinutes(5), Duration.FromMinutes(15)];

    private Reminder()
    {
    }

    internal Reminder(string appointmentId, string clientId, Channel channel, int leadHours, Instant dueAt)
    {
        Id = Guid.CreateVersion7().ToString("N");
        AppointmentId = appointmentId;
        ClientId = clientId;
        Channel = channel;
        LeadHours = leadHours;
        DueAt = dueAt;
        NextAttemptAt = dueAt;
        Status = ReminderStatus.Pending;
    }

    public string Id { get; private set; } = "";

    public string AppointmentId { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    public Channel Channel { get; private set; }

    public int LeadHours { get; private set; }

    public Instant DueAt { get; private set; }

    public ReminderStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public Instant NextAttemptAt { get; private set; }

    /// <summary>While Sending: until when the instance that claimed it may still be sending it.</summary>
    public Instant? ClaimedUntil { get; private set; }

    /// <summary>While Sending: the claim that took it, one per batch, so the dispatcher finds the rows it won and no others.</summary>
    public string? ClaimId { get; private set; }

    /// <summary>
    /// While Sending: when this reminder's hand-over to its channel began, committed just before it. A claim left
    /// behind without it cannot have gone out and is sent by another dispatcher; one with it may have.
    /// </summary>
    public Instant? HandOverAt { get; private set; }

    /// <summary>
    /// Failed because its hand-over began and was never answered: it may or may not have reached the client, and staff
    /// are shown it apart from the certain failures so they can check with the client.
    /// </summary>
    public bool DeliveryUncertain { get; private set; }

    public Instant? SentAt { get; private set; }

    /// <summary>Why it was cancelled or failed, for the reminder log.</summary>
    public string? Note { get; private set; }

    public void Cancel(string reason)
    {
        if (Status == ReminderStatus.Pending)
        {
            Status = ReminderStatus.Cancelled;
            Note = reason;
        }
    }

    public void Delivered(Instant now)
    {
        Status = ReminderStatus.Sent;
        SentAt = now;
        ClaimedUntil = null;
        ClaimId = null;
        Note = null;
    }

    /// <summary>The hand-over to the channel begins now (recorded in the database before it does).</summary>
    public void HandingOver(Instant now) => HandOverAt = now;

    /// <summary>A transient failure: try again after a pause, up to <see cref="MaxAttempts"/>, then give up and say why.</summary>
    public void AttemptFailed(string error, Instant now)
    {
        ClaimedUntil = null;
        ClaimId = null;
        HandOverAt = null;
        Note = error.Length > 500 ? error[..500] : error;
        if (Attempts >= MaxAttempts)
        {
            Status = ReminderStatus.Failed;
            return;
        }

        Status = ReminderStatus.Pending;
        NextAttemptAt = now + Backoff[Math.Clamp(Attempts - 1, 0, Backoff.Count - 1)];
    }

    /// <summary>A failure that retrying will not mend (a refused address): give up at once and say why.</summary>
    public void Undeliverable(string error)
    {
        Status = ReminderStatus.Failed;
        ClaimedUntil = null;
        ClaimId = null;
        Note = error.Length > 500 ? error[..500] : error;
    }

    /// <summary>Found due only after the appointment started or was cancelled (the app was down): not sent.</summary>
    public void TooLate()
    {
        Status = ReminderStatus.Cancelled;
        ClaimedUntil = null;
        ClaimId = null;
        Note = "Not sent: the appointment had already started or was cancelled.";
    }

    /// <summary>
    /// The hand-over began and broke off without an answer (a dropped connection, a timeout): it may
    /// have been delivered, so it is not sent again (at most once), and staff see it as uncertain.
    /// </summary>
    public void BrokenOff(string error)
    {
        Undeliverable(error);
        DeliveryUncertain = true;
    }

    /// <summary>
    /// A claim that expired while its hand-over was under way: the instance stopped between handing it
    /// over and recording the answer. The message may have gone out, so it is not sent again (at most
    /// once); the log says so.
    /// </summary>
    public void Interrupted()
    {
        Status = ReminderStatus.Failed;
        ClaimedUntil = null;
        ClaimId = null;
        DeliveryUncertain = true;
        Note = "Interrupted while sending: it may or may not have been delivered, so it was not sent again.";
    }

    /// <summary>
    /// Claimed but never handed to its channel, because the app was stopping: nothing can have gone
    /// out, so it is pending again at once and the claim does not count as an attempt.
    /// </summary>
    public void NotHandedOver()
    {
        Status = ReminderStatus.Pending;
        ClaimedUntil = null;
        ClaimId = null;
        HandOverAt = null;
        Attempts = Math.Max(0, Attempts - 1);
    }
}
