using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Billing.Insurance;

[FeatureApi]
public sealed record UnmatchedRemittanceView(
    string Id, string RemittanceId, Instant ReceivedAt, string Payer, string? TraceNumber, string ClaimRef, string StatusCode,
    decimal Charge, decimal Paid, decimal PatientResponsibility, string? PayerClaimNumber, string Reason);

/// <summary>
/// What remittances held that was not posted, newest first, for billers to review. It names no client (it matched
/// none), so reading it is audited once for the list.
/// </summary>
[FeatureApi]
public sealed class UnmatchedRemittanceList(CaseloadDbContext db, AuditTrail audit)
{
    public const int Most = 500;

    public async Task<IReadOnlyList<UnmatchedRemittanceView>> ListAsync(CancellationToken ct)
    {
        var rows = await db.UnmatchedRemittances.AsNoTracking()
            .Join(db.Remittances, u => u.RemittanceId, r => r.Id, (u, r) => new { Item = u, r.ReceivedAt })
            .OrderByDescending(x => x.ReceivedAt).ThenBy(x => x.Item.Id).Take(Most).ToListAsync(ct);
        var items = rows.Select(x => new UnmatchedRemittanceView(
            x.Item.Id, x.Item.RemittanceId, x.ReceivedAt, x.Item.Payer, x.Item.TraceNumber, x.Item.ClaimRef, x.Item.StatusCode, x.Item.Charge,
            x.Item.Paid, x.Item.PatientResponsibility, x.Item.PayerClaimNumber, x.Item.Reason)).ToList();
        await audit.ReadAsync(AuditEntities.Claim, "unmatched-remittances", (string?)null, ct, $"unmatched remittance items: {items.Count}");
        return items;
    }
}
