using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Billing.Insurance;

/// <summary>One claim: its lines, what it still lacks (each with where to fix it), and what happened to it.</summary>
[Authorize(Policy = Policies.TakesPayments)]
public sealed class ClaimModel(ClaimList claims, ClaimHistory history, CurrentStaff staff, CaseloadDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public ClaimView? Claim { get; private set; }

    public IReadOnlyList<ClaimEvent> History { get; private set; } = [];

    public bool MayAdminister => staff.Satisfies(Policies.Administers);

    /// <summary>The staff account of the claim's clinician, whose page holds their NPI and taxonomy.</summary>
    public string? ClinicianUserId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Claim = await claims.FindAsync(Id, ct);
        if (Claim is null)
        {
            return NotFound();
        }

        History = await history.ReadAsync(Claim.Id, ct);
        ClinicianUserId = await db.Clinicians.AsNoTracking().Where(c => c.Id == Claim.ClinicianId).Select(c => c.UserId).FirstOrDefaultAsync(ct);
        return Page();
    }

    /// <summary>Where a missing field is kept, so the biller goes straight there: the practice, the clinician or the client.</summary>
    public string? FixAt(ClaimProblem problem) => problem.Field switch
    {
        var f when f.StartsWith("billingProvider", StringComparison.Ordinal) => MayAdminister ? "/Settings/Practice" : null,
        var f when f.StartsWith("renderingProvider", StringComparison.Ordinal) => MayAdminister ? $"/Settings/Users/Edit/{ClinicianUserId}" : null,
        var f when f.StartsWith("subscriber", StringComparison.Ordinal) || f.StartsWith("payer", StringComparison.Ordinal)
            || f.StartsWith("diagnosis", StringComparison.Ordinal) => $"/Clients/{Claim!.ClientId}/Billing",
        var f when f.StartsWith("patient", StringComparison.Ordinal) => $"/Clients/Edit/{Claim!.ClientId}",
        _ => null,
    };

    /// <summary>The missing field in the practice's words: "Clinician's NPI", "Member id".</summary>
    public static string Named(ClaimProblem problem) => problem.Field switch
    {
        "renderingProvider.npi" => "Clinician's NPI",
        "renderingProvider.taxonomy" => "Clinician's taxonomy code",
        "renderingProvider.name" => "Clinician's name",
        "billingProvider.name" => "Practice's billing name",
        "billingProvider.npi" => "Practice's NPI",
        "billingProvider.taxId" => "Practice's tax id",
        "billingProvider.taxonomy" => "Practice's taxonomy code",
        var f when f.StartsWith("billingProvider.address", StringComparison.Ordinal) => "Practice's address",
        "payer.payerId" => "Payer id",
        "payer.name" => "Payer",
        "subscriber.memberId" => "Member id",
        var f when f.StartsWith("subscriber", StringComparison.Ordinal) => "Policy holder",
        var f when f.StartsWith("diagnosisCodes", StringComparison.Ordinal) => "Diagnoses",
        var f => f,
    };

    /// <summary>Who keeps a missing field, in the practice's words.</summary>
    public static string KeptBy(ClaimProblem problem) => problem.Field switch
    {
        var f when f.StartsWith("billingProvider", StringComparison.Ordinal) => "Practice settings",
        var f when f.StartsWith("renderingProvider", StringComparison.Ordinal) => "The clinician",
        _ => "The client's insurance",
    };
}
