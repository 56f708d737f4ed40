using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Billing.Insurance;

/// <summary>The file of a batch, as written when the batch was made; taking it marks its claims submitted.</summary>
public sealed record ClaimBatchFile(int Number, string Interchange)
{
    public const string MediaType = "application/edi-x12";

    public string FileName => $"claims-{Number}.837p.x12";
}

/// <summary>
/// Serves a batch's 837P. The first download marks the batch's open claims submitted: the file is on its way to the
/// clearinghouse. Audited as an export for each client in it, as the file carries their names and diagnoses.
/// </summary>
[FeatureApi]
public sealed class DownloadClaimBatch(CaseloadDbContext db, CurrentStaff staff, Clock clock, AuditTrail audit)
{
    public async Task<Outcome<ClaimBatchFile>> HandleAsync(int number, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.ManagesBilling))
        {
            return Refusal.Forbidden("Only billers and administrators send claims.");
        }

        var batch = await db.ClaimBatches.FirstOrDefaultAsync(b => b.Number == number, ct);
        if (batch is null)
        {
            return Refusal.NotFound("No such batch.");
        }

        var claims = await db.Claims.Where(c => c.BatchNumber == number).ToListAsync(ct);
        var now = clock.Now;
        foreach (var claim in claims)
        {
            claim.Submit(now);
        }

        batch.Downloaded(now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Refusal(RefusalCodes.Conflict, "A claim of this batch changed at the same moment. Try again.");
        }

        await audit.RecordForClientsAsync(AuditActions.Export, AuditEntities.Claim, $"batch-{number}", claims.Select(c => (string?)c.ClientId).Distinct(), ct,
            $"837P of batch {number}, {claims.Count} claims");
        return new ClaimBatchFile(number, batch.Interchange);
    }
}
