using Caseload.Domain.Practices;
using Caseload.Domain.Reminders;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Caseload.Web.Setup;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Reminders;

/// <summary>
/// Sends due reminders, each at most once, a batch at a time: one statement claims a batch
/// (Pending → Sending, committed before anything is sent), the batch goes out over this scope's one
/// SMTP connection, and one save records every outcome. A claim is a conditional UPDATE the
/// database serialises, so only one dispatcher, in this instance or another, wins each row.
/// </summary>
/// <remarks>
/// A reminder that was being handed over when the connection broke may have been delivered: it
/// fails with a note that says so and is not sent again. If the app stops mid-batch, the reminders
/// it had not yet begun to hand over go back to pending; the one being handed over, and every
/// reminder of a batch whose instance died before recording it, are found later still Sending with
/// the claim expired and are failed the same way (see docs/adr/0006-dispatching-reminders-in-batches.md).
/// </remarks>
[FeatureApi]
public sealed partial class ReminderDispatch(CaseloadDbContext db, Clock clock, ReminderSender sender, ILogger<ReminderDispatch> log, Metrics metrics)
{
    public static readonly Duration ClaimFor = Duration.FromMinutes(5);

    /// <summary>How many reminders one claim takes: enough to make the claim and the save cheap per message, few enough to share out.</summary>
    public const int BatchSize = 50;

    private sealed record Session(string Id, AppointmentStatus Status, Instant StartsAt, Instant EndsAt, LocalDateTime Start, string? Location, int Version);

    private sealed record Recipient(string Id, string? Email, string? Mobile);

    /// <summary>Settles what can no longer be sent, then counts the reminders due now on the channels that are on.</summary>
    public async Task<int> SettleAsync(CancellationToken ct)
    {
        var now = clock.Now;
        await RecoverInterruptedAsync(now, ct);
        var channels = Channels();
        return await db.Reminders.CountAsync(r => r.Status == ReminderStatus.Pending && r.NextAttemptAt <= now && channels.Contains(r.Channel), ct);
    }

    /// <summary>Claims a batch of due reminders and sends it; returns how many were claimed and how many of them sent.</summary>
    public async Task<(int Claimed, int Sent)> SendBatchAsync(CancellationToken ct)
    {
        var batch = await ClaimAsync(clock.Now, ct);
        if (batch.Count == 0)
        {
            return (0, 0);
        }

        var practice = await db.PracticeAsync(ct);
        var appointmentIds = batch.Select(r => r.AppointmentId).Distinct().ToList();
        var sessions = await db.Appointments.AsNoTracking().Where(a => appointmentIds.Contains(a.Id))
            .Select(a => new Session(a.Id, a.Status, a.StartsAt, a.EndsAt, a.Start, a.Location, a.Version)).ToDictionaryAsync(a => a.Id, ct);
        var clientIds = batch.Select(r => r.ClientId).Distinct().ToList();
        var recipients = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id))
            .Select(c => new Recipient(c.Id, c.Email, c.Mobile)).ToDictionaryAsync(c => c.Id, ct);

        var sent = 0;
        var next = 0;
        try
        {
            for (; next < batch.Count; next++)
            {
                var reminder = batch[next];
                if (await SendOneAsync(reminder, practice, sessions[reminder.AppointmentId], recipients[reminder.ClientId], ct))
                {
                    sent++;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The app is stopping. The reminder being handed over stays Sending: it may have gone out.
            foreach (var reminder in batch.Skip(next + 1))
            {
                reminder.NotHandedOver();
            }

            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return (batch.Count, sent);
    }

    private Channel[] Channels() => [.. new[] { Channel.Email, Channel.Text }.Where(sender.Sends)];

    /// <summary>
    /// Claims up to <see cref="BatchSize"/> due reminders with one UPDATE and reads back the rows it
    /// won. On PostgreSQL the candidates are picked <c>FOR UPDATE SKIP LOCKED</c> in a materialized CTE, so
    /// dispatchers claiming at the same moment take different rows instead of queueing for the same ones;
    /// SQLite runs one writer at a time. Either way the UPDATE's own condition (still Pending) decides.
    /// </summary>
    /// <remarks>
    /// The CTE is what keeps a claim to one batch. Written as <c>"Id" IN (SELECT … LIMIT 50 FOR UPDATE SKIP LOCKED)</c>,
    /// PostgreSQL may run the subquery again for each row it updates, and each run skips the rows just claimed and
    /// locks the next 50: one claim took 939 of 1,000 due reminders, which one connection then sent alone while
    /// the other dispatchers and instances found nothing to claim.
    /// </remarks>
    private async Task<List<Reminder>> ClaimAsync(Instant now, CancellationToken ct)
    {
        var channels = Channels();
        var claim = Guid.NewGuid().ToString("N");
        var until = now + ClaimFor;
        int claimed;
        if (db.Database.IsNpgsql())
        {
            var names = channels.Select(c => c.ToString()).ToArray();
            claimed = await db.Database.ExecuteSqlAsync($"""
                WITH candidates AS MATERIALIZED (
                    SELECT "Id" FROM "Reminders"
                    WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {now} AND "Channel" = ANY({names})
                    ORDER BY "NextAttemptAt" LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED)
                UPDATE "Reminders" SET "Status" = 'Sending', "ClaimedUntil" = {until}, "ClaimId" = {claim}, "Attempts" = "Attempts" + 1
                WHERE "Id" IN (SELECT "Id" FROM candidates) AND "Status" = 'Pending'
                """, ct);
        }
        else
        {
            var candidates = db.Reminders.Where(r => r.Status == ReminderStatus.Pending && r.NextAttemptAt <= now && channels.Contains(r.Channel))
                .OrderBy(r => r.NextAttemptAt).Take(BatchSize).Select(r => r.Id);
            claimed = await db.Reminders
                .Where(r => candidates.Contains(r.Id) && r.Status == ReminderStatus.Pending && r.NextAttemptAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Sending)
                    .SetProperty(r => r.ClaimedUntil, until)
                    .SetProperty(r => r.ClaimId, claim)
                    .SetProperty(r => r.Attempts, r => r.Attempts + 1), ct);
        }

        if (claimed == 0)
        {
            return [];
        }

        return await db.Reminders.Where(r => r.ClaimId == claim).OrderBy(r => r.NextAttemptAt).ThenBy(r => r.Id).ToListAsync(ct);
    }

    private async Task<bool> SendOneAsync(Reminder reminder, Practice practice, Session session, Recipient recipient, CancellationToken ct)
    {
        if (session.Status != AppointmentStatus.Scheduled || session.StartsAt <= clock.Now)
        {
            reminder.TooLate();
            return false;
        }

        var facts = new ReminderFacts(practice.Name, practice.Phone, session.Start, session.Location, practice.DateStyle);
        try
        {
            await sender.DeliverAsync(reminder.Channel, reminder.Id, practice, facts, recipient.Email, recipient.Mobile, ct,
                new RemindedSession(session.Id, session.StartsAt, session.EndsAt, session.Version));
            reminder.Delivered(clock.Now);
            metrics.ReminderSent(reminder.Channel);
            return true;
        }
        catch (TransientDeliveryException e)
        {
            reminder.AttemptFailed(e.Message, clock.Now);
            metrics.ReminderFailed(reminder.Channel, final: reminder.Status == ReminderStatus.Failed);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or MimeKit.ParseException
            or MailKit.Net.Smtp.SmtpCommandException)
        {
            // UncertainDeliveryException among them: a hand-over broken off is never tried again.
            reminder.Undeliverable(e.Message);
            metrics.ReminderFailed(reminder.Channel, final: true);
        }

        return false;
    }

    /// <summary>
    /// Settles what can no longer be sent: claims that expired mid-send, and pending reminders
    /// whose appointment has begun (their channel was off, or the app was down). A pending reminder is
    /// due before its appointment begins, so only those already due are looked at, through the
    /// (Status, NextAttemptAt) index, not every reminder planned for the months ahead.
    /// </summary>
    private async Task RecoverInterruptedAsync(Instant now, CancellationToken ct)
    {
        var stuck = await db.Reminders.Where(r => r.Status == ReminderStatus.Sending && r.ClaimedUntil < now).ToListAsync(ct);
        foreach (var reminder in stuck)
        {
            reminder.Interrupted();
            metrics.ReminderFailed(reminder.Channel, final: true);
            InterruptedFound(log, reminder.Id);
        }

        var late = await db.Reminders
            .Where(r => r.Status == ReminderStatus.Pending && r.NextAttemptAt <= now
                && db.Appointments.Any(a => a.Id == r.AppointmentId && a.StartsAt <= now))
            .ToListAsync(ct);
        foreach (var reminder in late)
        {
            reminder.TooLate();
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    [LoggerMessage(LogLevel.Warning, "Reminder {ReminderId} was interrupted while sending and is not sent again.")]
    private static partial void InterruptedFound(ILogger logger, string reminderId);
}
