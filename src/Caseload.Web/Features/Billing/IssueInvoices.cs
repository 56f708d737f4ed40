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
    /// <summary>Issues every invoice that is due and not yet issued; returns how many were issued.</summary>
    /// <param name="appointmentIds">Only these appointments (just saved), or all when null.</param>
    public async Task<int> IssueDueAsync(IReadOnlyCollection<string>? appointmentIds, CancellationToken ct)
    {
        var practice = await db.PracticeAsync(ct);
        var today = practice.Today(clock.Now);
        var due = db.Appointments.AsNoTracking()
            .Where(a => a.Date <= today && a.Status == AppointmentStatus.Scheduled)
            .SelectMany(a => a.Invitees, (a, i) => new { Appointment = a, Invitee = i })
            .Where(x => x.Invitee.CreateInvoice && x.Invitee.Status != InviteeStatus.Missed)
            .Where(x => !db.Invoices.Any(v => v.AppointmentId == x.Appointment.Id && v.ClientId == x.Invitee.ClientId && v.Kind == InvoiceKind.Service));
        if (appointmentIds is not null)
        {
            due = due.Where(x => appointmentIds.Contains(x.Appointment.Id));
        }

        var work = await due
            .Join(db.ServiceCodes, x => x.Appointment.ServiceCode, s => s.Code, (x, s) => new
            {
                Session = new BilledSession(x.Appointment.Id, x.Invitee.ClientId, x.Appointment.Date, s.Code, s.Description, s.Fee,
                    x.Appointment.RoomKey == null && x.Appointment.Location != null),
                x.Appointment.StartsAt,
            })
            .OrderBy(x => x.StartsAt)
            .Take(500)
            .ToListAsync(ct);
        var clientIds = work.Select(w => w.Session.ClientId).Distinct().ToList();
        var billing = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Billing, ct);

        var issued = 0;
        foreach (var item in work)
        {
            db.Invoices.Add(Invoice.ForSession(item.Session, billing[item.Session.ClientId], today));
            try
            {
                await db.SaveChangesAsync(ct);
                issued++;
            }
            catch (DbUpdateException)
            {
                // Another instance issued it a moment ago: the unique index kept it to one.
                IssuedElsewhere(log, item.Session.AppointmentId);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return issued;
    }

    [LoggerMessage(LogLevel.Information, "The invoice for appointment {AppointmentId} was issued by another instance.")]
    private static partial void IssuedElsewhere(ILogger logger, string appointmentId);
}
