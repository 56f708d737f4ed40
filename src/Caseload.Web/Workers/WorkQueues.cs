using Caseload.Domain.Billing;
using Caseload.Domain.Reminders;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Workers;

/// <summary>How much work waits for the workers, in counts only (no client is named).</summary>
/// <param name="RemindersDue">Pending reminders whose time has come, by channel.</param>
/// <param name="RemindersSending">Reminders claimed by a dispatcher and not yet settled.</param>
/// <param name="RemindersUncertain">Reminders failed because their hand-over broke off: they may or may not have arrived, and staff should check.</param>
/// <param name="InvoicesDue">Invoices whose session's day has come that are not issued yet.</param>
/// <param name="OldestInvoiceDueSince">When the oldest of those became due (the start of its session's day), or null when none waits.</param>
public sealed record QueueDepth(
    IReadOnlyDictionary<Channel, int> RemindersDue,
    int RemindersSending,
    int RemindersUncertain,
    int InvoicesDue,
    Instant? OldestInvoiceDueSince)
{
    /// <summary>How long the oldest unissued invoice has been due: zero when none waits.</summary>
    public Duration InvoiceIssuingLag(Instant now) =>
        OldestInvoiceDueSince is { } since && since < now ? now - since : Duration.Zero;
}

/// <summary>Reads the <see cref="QueueDepth"/> for the System page, its API and the gauges.</summary>
public sealed class WorkQueues(CaseloadDbContext db, Clock clock)
{
    /// <summary>Days before the invoice worker's checkpoint that it reads again, as <c>IssueInvoices</c> does.</summary>
    private const int Overlap = 2;

    public async Task<QueueDepth> ReadAsync(CancellationToken ct)
    {
        var due = await RemindersDueAsync(ct);
        var sending = await db.Reminders.CountAsync(r => r.Status == ReminderStatus.Sending, ct);
        var uncertain = await db.Reminders.CountAsync(r => r.Status == ReminderStatus.Failed && r.DeliveryUncertain, ct);
        var (invoices, oldest) = await InvoicesDueAsync(ct);
        return new QueueDepth(due, sending, uncertain, invoices, oldest);
    }

    /// <summary>Pending reminders whose time has come, by channel, through the (Status, NextAttemptAt) index.</summary>
    public async Task<IReadOnlyDictionary<Channel, int>> RemindersDueAsync(CancellationToken ct)
    {
        var now = clock.Now;
        return await db.Reminders.AsNoTracking()
            .Where(r => r.Status == ReminderStatus.Pending && r.NextAttemptAt <= now)
            .GroupBy(r => r.Channel)
            .Select(g => new { Channel = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Channel, g => g.Count, ct);
    }

    /// <summary>
    /// The sessions whose day has come with an invitee ticked for an invoice that has none, read (as the invoice
    /// worker reads them) only from the days after its checkpoint: every day before it had its invoices issued.
    /// Returns how many, and when the oldest became due (the start of its session's day).
    /// </summary>
    public async Task<(int Count, Instant? OldestSince)> InvoicesDueAsync(CancellationToken ct)
    {
        var now = clock.Now;
        var practice = await db.PracticeAsync(ct);
        var today = practice.Today(now);
        var sessions = db.Appointments.AsNoTracking().Where(a => a.Date <= today && a.Status == AppointmentStatus.Scheduled);
        var through = await db.Checkpoints.AsNoTracking().Where(c => c.Name == Checkpoint.Invoices).Select(c => c.Through).SingleOrDefaultAsync(ct);
        if (through?.PlusDays(-Overlap) is { } after)
        {
            sessions = sessions.Where(a => a.Date > after);
        }

        var waiting = sessions
            .SelectMany(a => a.Invitees, (a, i) => new { a.Id, a.Date, Invitee = i })
            .Where(x => x.Invitee.CreateInvoice && x.Invitee.Status != InviteeStatus.Missed)
            .Where(x => !db.Invoices.Any(v => v.AppointmentId == x.Id && v.ClientId == x.Invitee.ClientId && v.Kind == InvoiceKind.Service))
            .Select(x => x.Date);
        var count = await waiting.CountAsync(ct);
        if (count == 0)
        {
            return (0, null);
        }

        var oldest = await waiting.OrderBy(d => d).FirstAsync(ct);
        return (count, oldest.AtStartOfDayInZone(practice.Zone).ToInstant());
    }
}
