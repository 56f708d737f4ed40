using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Billing.Insurance;

/// <summary>
/// A printable superbill of one client for one period, for a client who files the claim with their insurer themself:
/// the practice as payers know it, the client's diagnoses, and each session with its code, place, provider and fee.
/// </summary>
public sealed class SuperbillModel(Superbill superbill, CaseloadDbContext db, Clock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    /// <summary>The period, as the date inputs send it; blank means this month so far.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public SuperbillView? Bill { get; private set; }

    public LocalDate Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Today = await db.TodayAsync(clock, ct);
        var from = Read(From, nameof(From)) ?? Today.With(DateAdjusters.StartOfMonth);
        var to = Read(To, nameof(To)) ?? Today;
        (From, To) = (LocalDatePattern.Iso.Format(from), LocalDatePattern.Iso.Format(to));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await superbill.ForAsync(Id, from, to, ct);
        if (this.Ending(outcome) is { } end)
        {
            return end;
        }

        if (!outcome.Succeeded)
        {
            ModelState.AddTo(outcome, prefix: "");
            return Page();
        }

        Bill = outcome.Value;
        return Page();
    }

    private LocalDate? Read(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (!parsed.Success)
        {
            ModelState.AddModelError(field, "Give a date.");
            return null;
        }

        return parsed.Value;
    }
}
