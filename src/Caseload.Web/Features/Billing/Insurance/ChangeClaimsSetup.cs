using Caseload.Domain;
using Caseload.Domain.Insurance;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Billing.Insurance;

public sealed record ChangeClaimsSetupCommand(BillingIdentity? BillingIdentity, Clearinghouse? Clearinghouse);

/// <summary>
/// An administrator sets the practice's billing provider and clearinghouse alone (the billing settings page);
/// <c>PUT /api/v1/practice</c> takes the same fields beside the other settings.
/// </summary>
[FeatureApi]
public sealed class ChangeClaimsSetup(CaseloadDbContext db, CurrentStaff staff, KeptPractice keptPractice, AuditTrail audit)
{
    public async Task<Outcome<Domain.Practices.Practice>> HandleAsync(ChangeClaimsSetupCommand command, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.Administers))
        {
            return Refusal.Forbidden("Only administrators change the practice's billing identity.");
        }

        var practice = await db.Practices.SingleAsync(ct);
        var outcome = practice.ChangeClaimsSetup(command.BillingIdentity, command.Clearinghouse);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await db.SaveChangesAsync(ct);
        keptPractice.Forget();
        await audit.RecordAsync(AuditActions.Change, AuditEntities.Practice, "billing-identity", null, ct, "billing provider and clearinghouse");
        return practice;
    }
}
