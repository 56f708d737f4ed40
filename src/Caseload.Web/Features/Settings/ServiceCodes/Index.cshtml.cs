using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.ServiceCodes;

public sealed class IndexModel(CaseloadDbContext db, ChangeServiceCode change) : PageModel
{
    public IReadOnlyList<ServiceCodeDto> Codes { get; private set; } = [];

    public string? Saved { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public int? DefaultMinutes { get; set; }

    [BindProperty]
    public decimal? Fee { get; set; }

    public async Task OnGetAsync(string? saved, CancellationToken ct)
    {
        Saved = saved;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await change.HandleAsync(new ChangeServiceCodeCommand(Code ?? "", Description, DefaultMinutes, Fee), ct);
        if (outcome.Succeeded)
        {
            return RedirectToPage(new { saved = outcome.Value.Code });
        }

        ModelState.AddTo(outcome, prefix: "");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Codes = (await db.ServiceCodes.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct)).Select(ServiceCodeDto.From).ToList();
}
