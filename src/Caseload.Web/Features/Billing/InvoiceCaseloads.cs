using Caseload.Domain.Billing;
using Caseload.Web.Auth;
using Caseload.Web.Data;

namespace Caseload.Web.Features.Billing;

internal static class InvoiceCaseloads
{
    /// <summary>The invoices of clients the asker may see: where every billing query and change starts.</summary>
    public static async Task<IQueryable<Invoice>> InvoicesAsync(this Caseloads caseloads, CaseloadDbContext db, CancellationToken ct)
    {
        var clients = await caseloads.ClientsAsync(ct);
        return db.Invoices.Where(i => clients.Any(c => c.Id == i.ClientId));
    }
}
