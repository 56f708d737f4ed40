using Caseload.Domain.Reminders;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Reminders;

/// <summary>
/// Sends due reminders, each at most once: a reminder is claimed (Pending → Sending, recorded
/// before anything is sent), sent, then recorded as Sent. Only one instance can win a claim, since
/// the claim is a conditional UPDATE the database serialises.
/// </summary>
/// <remarks>
/// The one window left: the app stops after the server accepted a message and before Sent is
/// recorded. Such a reminder is found later, still Sending with its claim expired, and marked
/// Failed ("may or may not have been delivered") rather than sent again.
/// </remarks>
[FeatureApi]
public sealed partial class ReminderDispatch(CaseloadDbContext db, Clock clock, ReminderSender sender, ILogger<ReminderDispatch> log)
{
    public static readonly Duration ClaimFor = Duration.FromMinutes(5);

    /// <summary>Sends what is due now, up to <paramref name="limit"/>; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(int limit, CancellationToken ct)
    {
        var now = clock.Now;
        await RecoverInterruptedAsync(now, ct);
        var channels = new[] { Channel.Email, Channel.Text }.Where(sender.Sends).ToList();

        var due = await db.Reminders.AsNoTracking()
            .Where(r => r.Status == ReminderStatus.Pending && r.NextAttemptAt <= now && channels.Contains(r.Channel))
            .OrderBy(r => r.NextAttemptAt).Select(r => r.Id).Take(limit).ToListAsync(ct);
        var practice = await db.PracticeAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            if (await SendOneAsync(id, practice, ct))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> SendOneAsync(string id, Domain.Practices.Practice practice, CancellationToken ct)
    {
        var now = clock.Now;
        var until = now + ClaimFor;
        var claimed = await db.Reminders
            .Where(r => r.Id == id && r.Status == ReminderStatus.Pending && r.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Sending)
                .SetProperty(r => r.ClaimedUntil, until)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1), ct);
        if (claimed == 0)
        {
            return false;
        }

        var reminder = await db.Reminders.SingleAsync(r => r.Id == id, ct);
        var appointment = await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == reminder.AppointmentId, ct);
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == reminder.ClientId, ct);
        var delivered = false;
        if (appointment.Status != AppointmentStatus.Scheduled || appointment.StartsAt <= now)
        {
            reminder.TooLate();
        }
        else
        {
            var facts = new ReminderFacts(practice.Name, practice.Phone, appointment.Start, appointment.Location);
            try
            {
                await sender.DeliverAsync(reminder.Channel, reminder.Id, practice, facts, client.Email, client.Mobile, ct);
                reminder.Delivered(clock.Now);
                delivered = true;
            }
            catch (TransientDeliveryException e)
            {
                reminder.AttemptFailed(e.Message, clock.Now);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or MimeKit.ParseException
                or MailKit.Net.Smtp.SmtpCommandException)
            {
                reminder.Undeliverable(e.Message);
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return delivered;
    }

    /// <summary>
    /// Settles what can no longer be sent: claims that expired mid-send, and pending reminders
    /// whose appointment has begun (their channel was off, or the app was down).
    /// </summary>
    private async Task RecoverInterruptedAsync(Instant now, CancellationToken ct)
    {
        var stuck = await db.Reminders.Where(r => r.Status == ReminderStatus.Sending && r.ClaimedUntil < now).ToListAsync(ct);
        foreach (var reminder in stuck)
        {
            reminder.Interrupted();
            InterruptedFound(log, reminder.Id);
        }

        var late = await db.Reminders
            .Where(r => r.Status == ReminderStatus.Pending && db.Appointments.Any(a => a.Id == r.AppointmentId && a.StartsAt <= now))
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
