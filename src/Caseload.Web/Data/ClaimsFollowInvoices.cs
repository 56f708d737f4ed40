using Caseload.Domain.Billing;
using Caseload.Domain.Insurance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NodaTime;

namespace Caseload.Web.Data;

/// <summary>
/// A claim follows its invoice, whichever use case issues or voids it (booking, the invoice worker, attendance,
/// a biller): an insured service invoice issued gets its claim in the same save, and a voided one takes its claim
/// with it unless the payer has paid on it. Done where every save passes, so no path that moves invoices can forget.
/// </summary>
internal static class ClaimsFollowInvoices
{
    public static async Task ApplyAsync(CaseloadDbContext db, CancellationToken ct)
    {
        var invoices = db.ChangeTracker.Entries<Invoice>().ToList();
        var issued = invoices.Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .Where(i => i.Kind == InvoiceKind.Service && i.Payer is not null && i.Status != InvoiceStatus.Void).ToList();
        var voided = invoices.Where(e => e.State == EntityState.Modified && e.Entity.Status == InvoiceStatus.Void
            && e.Property(i => i.Status).OriginalValue != InvoiceStatus.Void).Select(e => e.Entity.Id).ToList();
        if (issued.Count > 0)
        {
            var appointmentIds = issued.Select(i => i.AppointmentId).Distinct().ToList();
            var clinicians = await db.Appointments.AsNoTracking().Where(a => appointmentIds.Contains(a.Id))
                .ToDictionaryAsync(a => a.Id, a => a.ClinicianId, ct);
            var now = Instant.FromDateTimeOffset((db.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow());
            foreach (var invoice in issued)
            {
                if (clinicians.TryGetValue(invoice.AppointmentId, out var clinicianId) && InsuranceClaim.ForInvoice(invoice, clinicianId, now) is { } claim)
                {
                    db.Claims.Add(claim);
                }
            }
        }

        if (voided.Count > 0)
        {
            foreach (var claim in await db.Claims.Where(c => voided.Contains(c.InvoiceId)).ToListAsync(ct))
            {
                claim.VoidWithInvoice();
            }
        }
    }
}
