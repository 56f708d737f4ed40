using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Caseload.Web.Features.Billing.Insurance;

/// <summary>One claim a remittance posted, with the claim as it now stands.</summary>
public sealed record AppliedRow(AppliedClaim Applied, ClaimView? Claim);

/// <summary>
/// A payer's remittance (835) uploaded and applied: what each claim was paid, what the client owes and why, and what
/// matched no claim, kept below for review. The same file again changes nothing, and says so.
/// </summary>
[Authorize(Policy = Policies.ManagesBilling)]
public sealed class RemittancesModel(ApplyRemittance apply, UnmatchedRemittanceList unmatched, ClaimList claims, CaseloadDbContext db) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public RemittanceResult? Result { get; private set; }

    public IReadOnlyList<AppliedRow> Applied { get; private set; } = [];

    public IReadOnlyList<UnmatchedRemittanceView> KeptForReview { get; private set; } = [];

    /// <summary>The practice's zone, for the day each remittance came.</summary>
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is not { Length: > 0 } file)
        {
            ModelState.AddModelError(nameof(Upload), "Choose the 835 file the payer or clearinghouse sent.");
        }
        else if (file.Length > ApplyRemittance.MostCharacters)
        {
            ModelState.AddModelError(nameof(Upload), "The file is larger than 5 MB: that is no single remittance.");
        }
        else
        {
            string text;
            using (var reader = new StreamReader(file.OpenReadStream()))
            {
                text = await reader.ReadToEndAsync(ct);
            }

            var outcome = await apply.HandleAsync(text, ct);
            if (this.Ending(outcome) is { } end)
            {
                return end;
            }

            if (outcome.Succeeded)
            {
                Result = outcome.Value;
                var now = (await claims.ListAsync(null, null, ct)).Value.ToDictionary(c => c.Id);
                Applied = [.. Result.Applied.Select(a => new AppliedRow(a, now.GetValueOrDefault(a.ClaimId)))];
            }
            else
            {
                ModelState.AddTo(outcome, prefix: "", rename: _ => nameof(Upload));
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        KeptForReview = await unmatched.ListAsync(ct);
        Zone = await db.ZoneAsync(ct);
    }
}
