using Caseload.Domain;
using Caseload.Domain.Insurance;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Billing.Insurance;

/// <summary>
/// Claims by status and client, over the clients the asker may see (billing's own rule: a clinician sees their own
/// clients' claims, billers, front desk and administrators the practice's). Audited like the invoice list.
/// </summary>
[FeatureApi]
public sealed class ClaimList(CaseloadDbContext db, Caseloads caseloads, ClaimAssembly assembly, AuditTrail audit)
{
    /// <summary>At most this many claims in one answer, oldest service first.</summary>
    public const int Most = 1000;

    /// <param name="openAsReady">The pinned API's reading: <c>ready</c> is every open claim, complete or not.</param>
    public async Task<Outcome<IReadOnlyList<ClaimView>>> ListAsync(string? status, string? clientId, CancellationToken ct, bool openAsReady = false)
    {
        ClaimState? state = null;
        if (status is not null)
        {
            state = ClaimStatuses.StateOf(status);
            if (state is null)
            {
                return Refusal.Invalid("status", $"Status is one of {string.Join(", ", ClaimStatuses.All)}.");
            }
        }

        var query = await VisibleAsync(ct);
        if (clientId is not null)
        {
            query = query.Where(c => c.ClientId == clientId);
        }

        if (state is { } wanted)
        {
            query = query.Where(c => c.State == wanted);
        }

        var claims = await query.AsNoTracking().Include(c => c.Lines).OrderBy(c => c.ServiceDate).ThenBy(c => c.Id).Take(Most).ToListAsync(ct);
        var views = (await assembly.AssembleAsync(claims, ct)).Select(a => a.View()).Where(v => status is null || v.Status == status || (openAsReady && status == ClaimStatuses.Ready && v.Status == ClaimStatuses.Incomplete)).ToList();
        await audit.ReadAsync(AuditEntities.Claim, "list", views.Select(v => (string?)v.ClientId).Distinct(), ct,
            $"claim list: status={status} clientId={clientId} shown={views.Count}");
        return views;
    }

    public async Task<ClaimView?> FindAsync(string id, CancellationToken ct)
    {
        var claim = await (await VisibleAsync(ct)).AsNoTracking().Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null)
        {
            return null;
        }

        await audit.ReadAsync(AuditEntities.Claim, claim.Id, claim.ClientId, ct);
        return (await assembly.AssembleAsync([claim], ct))[0].View();
    }

    /// <summary>The claims of clients the asker may see: where every claim query and change starts.</summary>
    public async Task<IQueryable<InsuranceClaim>> VisibleAsync(CancellationToken ct)
    {
        var clients = await caseloads.ClientsAsync(ct);
        return db.Claims.Where(c => clients.Any(v => v.Id == c.ClientId));
    }
}
