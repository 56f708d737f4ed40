using Caseload.Domain.Billing;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Billing;

/// <summary>
/// Rule 9: each invitee ticked for an invoice gets exactly one service invoice once the session's
/// day has come — at save for sessions dated today or earlier, by the worker on the day for later ones.
/// </summary>
[FeatureApi]
public sealed partial class IssueInvoices(CaseloadDbContext db, Clock clock, ILogger<IssueInvoices> log)
{
    /// <summary>At most this many invoices are issued per call; the worker calls again while any were.</summary>
    public const int Batch = 500;

    /// <summary>
    /// Days before the checkpoint that the worker looks at again. A change of the practice's time zone moves
    /// "today" by up to a day; everything else that makes an earlier session due (booking it, moving it into the
    /// past, undoing a missed mark) issues its invoice at save.
    /// </summary>
    private const int Overlap = 2;

    /// <summary>Issues every invoice that is due and not yet issued; returns how many were issued.</summary>
    /// <param name="appointmentIds">
    /// Only these appointments (just saved); or, when null, the worker's pass: the sessions of the days that came
    /// since the last pass that left nothing due (all history before the first one), moving that day on to today
    /// once nothing due is left. A day missed while the app was down is therefore still read after a restart.
    /// </param>
    public async Task<int> IssueDueAsync(IReadOnlyCollection<string>? appointmentIds, CancellationToken ct)
    {
        var practice = await db.PracticeAsync(ct);
        var today = practice.Today(clock.Now);
        var sessions = db.Appointments.AsNoTracking().Where(a => a.Date <= today && a.Status == AppointmentStatus.Scheduled);
        if (appointmentIds is not null)
        {
            return (await IssueAsync(sessions.Where(a => appointmentIds.Contains(a.Id)), today, ct)).Issued;
        }

        var through = await db.Checkpoints.Where(c => c.Name == Checkpoint.Invoices).Select(c => c.Through).SingleAsync(ct);
        if (through?.PlusDays(-Overlap) is { } after)
        {
            sessions = sessions.Where(a => a.Date > after);
        }

        var (issued, found) = await IssueAsync(sessions, today, ct);
        if (found < Batch)
        {
            await db.Checkpoints.Where(c => c.Name == Checkpoint.Invoices && (c.Through == null || c.Through < today))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Through, today), ct);
        }

        return issued;
    }

    /// <returns>How many were issued, and how many were found due (a full batch means there may be more).</returns>
    private async Task<(int Issued, int Found)> IssueAsync(IQueryable<Appointment> sessions, LocalDate today, CancellationToken ct)
    {
        var work = await sessions
            .SelectMany(a => a.Invitees, (a, i) => new { Appointment = a, Invitee = i })
            .Where(x => x.Invitee.CreateInvoice && x.Invitee.Status != InviteeStatus.Missed)
            .Where(x => !db.Invoices.Any(v => v.AppointmentId == x.Appointment.Id && v.ClientId == x.Invitee.ClientId && v.Kind == InvoiceKind.Service))
            .Join(db.ServiceCodes, x => x.Appointment.ServiceCode, s => s.Code, (x, s) => new
            {
                Session = new BilledSession(x.Appointment.Id, x.Invitee.ClientId, x.Appointment.Date, s.Code, s.Description, s.Fee,
                    x.Appointment.RoomKey == null && x.Appointment.Location != null),
                x.Appointment.Date,
            })

            // By day, not by start: ordered by its index, the range of days is read alone; ordered by start,
            // SQLite walks every appointment of the practice by start to avoid a sort.
            .OrderBy(x => x.Date)
            .Take(Batch)
            .ToListAsync(ct);
        if (work.Count == 0)
        {
            return (0, 0);
        }

        var clientIds = work.Select(w => w.Session.ClientId).Distinct().ToList();
        var billing = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Billing, ct);
        // In one order on every instance, so two instances issuing the same sessions wait on each other rather than deadlock.
        var invoices = work.OrderBy(w => w.Session.AppointmentId, StringComparer.Ordinal).ThenBy(w => w.Session.ClientId, StringComparer.Ordinal)
            .Select(w => Invoice.ForSession(w.Session, billing[w.Session.ClientId], today)).ToList();
        if (await SaveAsync(invoices, ct))
        {
            return (invoices.Count, work.Count);
        }

        // Another instance issued some of them a moment ago and the unique index refused the batch: one at a time.
        var issued = 0;
        foreach (var invoice in invoices)
        {
            if (await SaveAsync([invoice], ct))
            {
                issued++;
            }
            else
            {
                IssuedElsewhere(log, invoice.AppointmentId);
            }
        }

        return (issued, work.Count);
    }

    /// <summary>
    /// Saves the invoices together, or none of them when the unique index refuses one or PostgreSQL ends the batch
    /// as a deadlock with another instance's (which the execution strategy reports wrapped).
    /// </summary>
    private async Task<bool> SaveAsync(IReadOnlyCollection<Invoice> invoices, CancellationToken ct)
    {
        db.Invoices.AddRange(invoices);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (e is DbUpdateException || e.InnerException is DbUpdateException)
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    [LoggerMessage(LogLevel.Information, "The invoice for appointment {AppointmentId} was issued by another instance.")]
    private static partial void IssuedElsewhere(ILogger logger, string appointmentId);
}
