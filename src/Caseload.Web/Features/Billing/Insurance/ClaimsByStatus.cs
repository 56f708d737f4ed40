namespace Caseload.Web.Features.Billing.Insurance;

public sealed record ClaimStatusTotal(string Status, int Claims, decimal Billed, decimal Paid, decimal PayerBalance);

/// <summary>How many claims are at each step of their life, with what they bill, what was paid and what payers still owe.</summary>
[FeatureApi]
public sealed class ClaimsByStatus(ClaimList claims)
{
    public async Task<IReadOnlyList<ClaimStatusTotal>> ReadAsync(CancellationToken ct)
    {
        var all = (await claims.ListAsync(null, null, ct)).Value;
        return [.. ClaimStatuses.All.Select(status =>
        {
            var these = all.Where(c => c.Status == status).ToList();
            return new ClaimStatusTotal(status, these.Count, these.Sum(c => c.Total), these.Sum(c => c.Paid), these.Sum(c => c.PayerBalance));
        })];
    }
}
