using Caseload.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Billing.Insurance;

/// <summary>A batch of claims: what is in it, and its 837P file to download for the clearinghouse.</summary>
[Authorize(Policy = Policies.ManagesBilling)]
public sealed class BatchModel(ClaimBatches batches, ClaimList claims, DownloadClaimBatch download) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Number { get; set; }

    public ClaimBatchSummary? Batch { get; private set; }

    public IReadOnlyList<ClaimView> Claims { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Batch = await batches.FindAsync(Number, ct);
        if (Batch is null)
        {
            return NotFound();
        }

        Claims = [.. (await claims.ListAsync(null, null, ct)).Value.Where(c => c.BatchNumber == Number).OrderBy(c => c.ClientName)];
        return Page();
    }

    /// <summary>The file as written when the batch was made; the first download submits its claims.</summary>
    public async Task<IActionResult> OnGetFileAsync(CancellationToken ct)
    {
        var outcome = await download.HandleAsync(Number, ct);
        if (!outcome.Succeeded)
        {
            return this.Ending(outcome) ?? new ConflictObjectResult(outcome.First?.Message);
        }

        return File(System.Text.Encoding.ASCII.GetBytes(outcome.Value.Interchange), ClaimBatchFile.MediaType, outcome.Value.FileName);
    }
}
