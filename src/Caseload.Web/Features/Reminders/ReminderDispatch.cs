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
/// (Pending → Sending, committed before anything is sent), each reminder's hand-over is recorded and
/// committed just before it begins, the batch goes out over this scope's one SMTP connection, and
/// the outcomes are written where the claim is still this dispatcher's. A claim is a conditional
/// UPDATE the database serialises, so only one dispatcher, in this instance or another, wins each row.
/// </summary>
/// <remarks>
/// A reminder that was being handed over when the connection broke may have been delivered: it
/// fails with a note that says so and is not sent again. If the app stops mid-batch, the reminders
/// it had not yet begun to hand over go back to pending. If it dies outright, the reminders of its
/// batch whose hand-over never began are claimed by another dispatcher once the claim expires and
/// sent; only those whose hand-over began are failed as "may or may not have been delivered"
/// (see docs/adr/0006-dispatching-reminders-in-batches.md and docs/adr/0008-recording-each-reminder-hand-over.md).
/// </remarks>
[FeatureApi]
public sealed partial class ReminderDispatch(
    CaseloadDbContext db, Clock clock, ReminderSender sender, IConfiguration config, ILogger<ReminderDispatch> log, Metrics metrics)
{
    /// <summary>How long a claim lasts unless <c>Caseload:Workers:ReminderClaim</c> says otherwise.</summary>
    public static readonly Duration DefaultClaimFor = Duration.FromMinutes(5);

    /// <summary>How many reminders one claim takes: enough to make the claim and the save cheap per message, few enough to share out.</summary>
    public const int BatchSize = 50;

    private enum Outcome
    {
        Sent,
        NotSent,

        /// <summary>Another dispatcher took the reminder over after this one's claim expired: this one leaves it alone.</summary>
        Lost,
    }

    private sealed record Session(string Id, AppointmentStatus Status, Instant StartsAt, Instant EndsAt, LocalDateTime Start, string? Location, int Version);

    private sealed record Recipient(string Id, string? Email, string? Mobile);

    /// <summary>
    /// How long a dispatcher may hold a batch before another may take over the reminders of it whose
    /// hand-over has not begun, and the recovery fails those whose hand-over began.
    /// </summary>
    public Duration ClaimFor => Duration.FromTimeSpan(config.GetValue("Caseload:Workers:ReminderClaim", DefaultClaimFor.ToTimeSpan()));

    /// <summary>Settles what can no longer be sent, then counts the reminders due now on the channels that are on.</summary>
    public async Task<int> SettleAsync(CancellationToken ct)
    {
        var now = clock.Now;
        await RecoverInterruptedAsync(now, ct);
        var channels = Channels();
        return await db.Reminders.CountAsync(r => ((r.Status == ReminderStatus.Pending && r.NextAttemptAt <= now)
            || (r.Status == ReminderStatus.Sending && r.ClaimedUntil < now && r.HandOverAt == null)) && channels.Contains(r.Channel), ct);
    }

    /// <summary>Claims a batch of due reminders and sends it; returns how many were claimed and how many of them sent.</summary>
    public async Task<(int Claimed, int Sent)> SendBatchAsync(CancellationToken ct)
    {
        var (claim, batch) = await ClaimAsync(clock.Now, ct);
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
                if (await SendOneAsync(claim, reminder, practice, sessions[reminder.AppointmentId], recipients[reminder.ClientId], ct) == Outcome.Sent)
                {
                    sent++;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The app is stopping. The reminder being handed over stays Sending: it may have gone out.
            // One stopped before its hand-over was recorded, and those after it, cannot have.
            foreach (var reminder in batch.Skip(next).Where(r => r.Status == ReminderStatus.Sending && r.HandOverAt is null))
            {
                reminder.NotHandedOver();
            }

            await RecordAsync(claim, batch, CancellationToken.None);
            throw;
        }

        await RecordAsync(claim, batch, ct);
        return (batch.Count, sent);
    }

    private Channel[] Channels() => [.. new[] { Channel.Email, Channel.Text }.Where(sender.Sends)];

    /// <summary>
    /// Claims up to <see cref="BatchSize"/> reminders with one UPDATE and reads back the rows it won: those
    /// due, and those another dispatcher claimed and left without beginning their hand-over (its instance died)
    /// once that claim expired. On PostgreSQL the candidates are picked <c>FOR UPDATE SKIP LOCKED</c> in a
    /// materialized CTE, so dispatchers claiming at the same moment take different rows instead of queueing for
    /// the same ones; SQLite runs one writer at a time. Either way the UPDATE's own condition decides.
    /// </summary>
    /// <remarks>
    /// The CTE is what keeps a claim to one batch. Written as <c>"Id" IN (SELECT … LIMIT 50 FOR UPDATE SKIP LOCKED)</c>,
    /// PostgreSQL may run the subquery again for each row it updates, and each run skips the rows just claimed and
    /// locks the next 50: one claim took 939 of 1,000 due reminders, which one connection then sent alone while
    /// the other dispatchers and instances found nothing to claim. A reminder taken over keeps its attempt count:
    /// the claim that died never tried it.
    /// </remarks>
    private async Task<(string Claim, List<Reminder> Batch)> ClaimAsync(Instant now, CancellationToken ct)
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
                    WHERE (("Status" = 'Pending' AND "NextAttemptAt" <= {now})
                        OR ("Status" = 'Sending' AND "ClaimedUntil" < {now} AND "HandOverAt" IS NULL))
                      AND "Channel" = ANY({names})
                    ORDER BY "NextAttemptAt" LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED)
                UPDATE "Reminders" SET "Status" = 'Sending', "ClaimedUntil" = {until}, "ClaimId" = {claim},
                    "Attempts" = CASE WHEN "Status" = 'Pending' THEN "Attempts" + 1 ELSE "Attempts" END
                WHERE "Id" IN (SELECT "Id" FROM candidates)
                  AND ("Status" = 'Pending' OR ("Status" = 'Sending' AND "ClaimedUntil" < {now} AND "HandOverAt" IS NULL))
                """, ct);
        }
        else
        {
            var candidates = db.Reminders.Where(r => ((r.Status == ReminderStatus.Pending && r.NextAttemptAt <= now)
                    || (r.Status == ReminderStatus.Sending && r.ClaimedUntil < now && r.HandOverAt == null)) && channels.Contains(r.Channel))
                .OrderBy(r => r.NextAttemptAt).Take(BatchSize).Select(r => r.Id);
            claimed = await db.Reminders
                .Where(r => candidates.Contains(r.Id) && ((r.Status == ReminderStatus.Pending && r.NextAttemptAt <= now)
                    || (r.Status == ReminderStatus.Sending && r.ClaimedUntil < now && r.HandOverAt == null)))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Sending)
                    .SetProperty(r => r.ClaimedUntil, until)
                    .SetProperty(r => r.ClaimId, claim)
                    .SetProperty(r => r.Attempts, r => r.Status == ReminderStatus.Pending ? r.Attempts + 1 : r.Attempts), ct);
        }

        if (claimed == 0)
        {
            return (claim, []);
        }

        return (claim, await db.Reminders.AsNoTracking().Where(r => r.ClaimId == claim).OrderBy(r => r.NextAttemptAt).ThenBy(r => r.Id).ToListAsync(ct));
    }

    private async Task<Outcome> SendOneAsync(string claim, Reminder reminder, Practice practice, Session session, Recipient recipient, CancellationToken ct)
    {
        if (session.Status != AppointmentStatus.Scheduled || session.StartsAt <= clock.Now)
        {
            reminder.TooLate();
            return Outcome.NotSent;
        }

        // The hand-over is recorded, and committed, before it begins: if this instance dies from here on, the
        // reminder may have gone out and is never sent again; if it dies before, another dispatcher sends it.
        var handOver = clock.Now;
        var marked = await db.Reminders
            .Where(r => r.Id == reminder.Id && r.ClaimId == claim && r.Status == ReminderStatus.Sending && r.HandOverAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HandOverAt, handOver), ct);
        if (marked == 0)
        {
            ClaimLost(log, reminder.Id);
            return Outcome.Lost;
        }

        reminder.HandingOver(handOver);
        var facts = new ReminderFacts(practice.Name, practice.Phone, session.Start, session.Location, practice.DateStyle);
        try
        {
            await sender.DeliverAsync(reminder.Channel, reminder.Id, practice, facts, recipient.Email, recipient.Mobile, ct,
                new RemindedSession(session.Id, session.StartsAt, session.EndsAt, session.Version));
            reminder.Delivered(clock.Now);
            metrics.ReminderSent(reminder.Channel);
            return Outcome.Sent;
        }
        catch (TransientDeliveryException e)
        {
            reminder.AttemptFailed(e.Message, clock.Now);
            metrics.ReminderFailed(reminder.Channel, final: reminder.Status == ReminderStatus.Failed);
        }
        catch (UncertainDeliveryException e)
        {
            // A hand-over broken off is never tried again.
            reminder.BrokenOff(e.Message);
            metrics.ReminderFailed(reminder.Channel, final: true);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or MimeKit.ParseException
            or MailKit.Net.Smtp.SmtpCommandException)
        {
            reminder.Undeliverable(e.Message);
            metrics.ReminderFailed(reminder.Channel, final: true);
        }

        return Outcome.NotSent;
    }

    /// <summary>
    /// Writes the outcome of every reminder of the batch that has one, in one transaction, each only where the
    /// claim is still this dispatcher's: a reminder another dispatcher took over, or the recovery failed while
    /// this one was slow, is left as they wrote it.
    /// </summary>
    private async Task RecordAsync(string claim, List<Reminder> batch, CancellationToken ct)
    {
        var settled = batch.Where(r => r.Status != ReminderStatus.Sending).ToList();
        if (settled.Count == 0)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var r in settled)
        {
            await db.Reminders.Where(x => x.Id == r.Id && x.ClaimId == claim)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, r.Status)
                    .SetProperty(x => x.Attempts, r.Attempts)
                    .SetProperty(x => x.NextAttemptAt, r.NextAttemptAt)
                    .SetProperty(x => x.ClaimedUntil, r.ClaimedUntil)
                    .SetProperty(x => x.ClaimId, r.ClaimId)
                    .SetProperty(x => x.HandOverAt, r.HandOverAt)
                    .SetProperty(x => x.DeliveryUncertain, r.DeliveryUncertain)
                    .SetProperty(x => x.SentAt, r.SentAt)
                    .SetProperty(x => x.Note, r.Note), ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Settles what can no longer be sent: claims that expired while a hand-over was under way, and pending reminders
    /// whose appointment has begun (their channel was off, or the app was down). A pending reminder is
    /// due before its appointment begins, so only those already due are looked at, through the
    /// (Status, NextAttemptAt) index, not every reminder planned for the months ahead.
    /// </summary>
    private async Task RecoverInterruptedAsync(Instant now, CancellationToken ct)
    {
        var stuck = await db.Reminders.Where(r => r.Status == ReminderStatus.Sending && r.ClaimedUntil < now && r.HandOverAt != null).ToListAsync(ct);
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

    [LoggerMessage(LogLevel.Information, "Reminder {ReminderId} was taken over by another dispatcher after this one's claim expired; it is not sent here.")]
    private static partial void ClaimLost(ILogger logger, string reminderId);

    [LoggerMessage(LogLevel.Warning, "Reminder {ReminderId} was interrupted while sending and is not sent again.")]
    private static partial void InterruptedFound(ILogger logger, string reminderId);
}
