using Caseload.Domain.Billing;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Scheduling;

/// <summary>What each appointment holds that may not be lost: a note (draft or signed), a payment.</summary>
[FeatureApi]
public sealed class AppointmentRecords(CaseloadDbContext db)
{
    public async Task<AppointmentRecord> RecordOfAsync(string id, CancellationToken ct) => (await RecordsOfAsync([id], ct))[id];

    /// <summary>By appointment id, in two queries whatever the number of appointments.</summary>
    public async Task<Dictionary<string, AppointmentRecord>> RecordsOfAsync(List<string> ids, CancellationToken ct)
    {
        // A payment once applied counts even if refunded since: its allocation rows are part of the billing record.
        var paid = await db.Invoices.Where(i => ids.Contains(i.AppointmentId) && db.Set<Allocation>().Any(a => a.InvoiceId == i.Id))
            .Select(i => i.AppointmentId).Distinct().ToListAsync(ct);
        var noted = await db.Notes.Where(n => ids.Contains(n.AppointmentId)).Select(n => n.AppointmentId).ToListAsync(ct);
        return ids.ToDictionary(id => id, id => new AppointmentRecord(HasGroupNote: noted.Contains(id), HasPayment: paid.Contains(id)));
    }
}
