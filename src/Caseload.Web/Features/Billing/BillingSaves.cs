using Caseload.Domain;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Billing;

internal static class BillingSaves
{
    /// <summary>Saves; null when saved, else the refusal for a change someone made to the same invoice or payment meanwhile.</summary>
    public static async Task<Refusal?> SaveAsync(CaseloadDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Refusal(RefusalCodes.ConcurrentChange, "Another payment or refund was recorded at the same moment. Reload and try again.");
        }
    }
}
