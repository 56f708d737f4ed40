using Caseload.Domain;
using Caseload.Domain.Staff;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Billing.Insurance;

public sealed record ChangeClinicianBillingIdentityCommand(string ClinicianId, string? Npi, string? Taxonomy);

/// <summary>An administrator sets the NPI and taxonomy a clinician's claims name them by; a bad NPI is refused naming <c>npi</c>.</summary>
[FeatureApi]
public sealed class ChangeClinicianBillingIdentity(CaseloadDbContext db, CurrentStaff staff, AuditTrail audit)
{
    public async Task<Outcome<Clinician>> HandleAsync(ChangeClinicianBillingIdentityCommand command, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.Administers))
        {
            return Refusal.Forbidden("Only administrators change a clinician's billing identity.");
        }

        var clinician = await db.Clinicians.FirstOrDefaultAsync(c => c.Id == command.ClinicianId, ct);
        if (clinician is null)
        {
            return Refusal.NotFound("No such clinician.");
        }

        var outcome = clinician.ChangeBillingIdentity(command.Npi, command.Taxonomy);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.Change, AuditEntities.User, clinician.UserId, null, ct, "billing identity (NPI, taxonomy)");
        return clinician;
    }
}
