using Caseload.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Billing.Insurance;

/// <summary>One status of the claim list: how many claims and what they bill.</summary>
public sealed record ClaimStatusCount(string Status, int Count, decimal Total);

/// <summary>Claims by status with their totals; ready claims are chosen here and sent as a batch.</summary>
[Authorize(Policy = Policies.TakesPayments)]
public sealed class ClaimsModel(ClaimList claims, BatchClaims batchClaims, ClaimBatches batches, CurrentStaff staff) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = ClaimStatuses.Ready;

    [BindProperty(SupportsGet = true)]
    public string? Payer { get; set; }

    /// <summary>The claims ticked to go in a batch.</summary>
    [BindProperty]
    public List<string> Selected { get; set; } = [];

    public IReadOnlyList<ClaimView> Shown { get; private set; } = [];

    public IReadOnlyList<ClaimStatusCount> Counts { get; private set; } = [];

    public IReadOnlyList<ClaimBatchSummary> RecentBatches { get; private set; } = [];

    /// <summary>Refusals of the batch, one line each, naming the claim and the field to fix.</summary>
    public IReadOnlyList<string> BatchProblems { get; private set; } = [];

    public bool MaySend => staff.Satisfies(Policies.ManagesBilling);

    public static IReadOnlyList<(string Status, string Label)> Tabs { get; } =
    [
        (ClaimStatuses.Ready, "Ready"), (ClaimStatuses.Incomplete, "Not ready"), (ClaimStatuses.Submitted, "Submitted"),
        (ClaimStatuses.Paid, "Paid"), (ClaimStatuses.Denied, "Denied"), (ClaimStatuses.Void, "Void"),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ClaimStatuses.All.Contains(Status))
        {
            Status = ClaimStatuses.Ready;
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostBatchAsync(CancellationToken ct)
    {
        var outcome = await batchClaims.HandleAsync(new BatchClaimsCommand(Selected), ct);
        if (outcome.Succeeded)
        {
            return Redirect($"/Billing/Claims/Batches/{outcome.Value.Number}");
        }

        if (this.Ending(outcome) is { } end)
        {
            return end;
        }

        BatchProblems = [.. outcome.Refusals.Select(r => r.Message)];
        Status = ClaimStatuses.Ready;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var all = (await claims.ListAsync(null, null, ct)).Value;
        var mine = Payer is { Length: > 0 } payer ? all.Where(c => c.Payer == payer).ToList() : all;
        Counts = [.. Tabs.Select(t => mine.Where(c => c.Status == t.Status).ToList()).Select((list, i) => new ClaimStatusCount(Tabs[i].Status, list.Count, list.Sum(c => c.Total)))];
        Shown = [.. mine.Where(c => c.Status == Status).OrderByDescending(c => c.ServiceDate).ThenBy(c => c.ClientName)];
        RecentBatches = MaySend ? await batches.RecentAsync(ct) : [];
    }
}
