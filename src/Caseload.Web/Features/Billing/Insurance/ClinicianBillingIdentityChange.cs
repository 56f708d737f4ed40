using Caseload.Domain;
using Caseload.Domain.Staff;

namespace Caseload.Web.Features.Billing.Insurance;

/// <summary>
/// The staff page's way into <see cref="ChangeClinicianBillingIdentity"/>: it passes the clinician and the two fields,
/// and the command stays this feature's own.
/// </summary>
[FeatureApi]
public static class ClinicianBillingIdentityChange
{
    public static Task<Outcome<Clinician>> HandleAsync(this ChangeClinicianBillingIdentity change, string clinicianId, string? npi, string? taxonomy, CancellationToken ct) =>
        change.HandleAsync(new ChangeClinicianBillingIdentityCommand(clinicianId, npi, taxonomy), ct);
}
