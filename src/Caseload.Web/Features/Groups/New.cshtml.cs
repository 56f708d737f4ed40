using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Settings.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Groups;

[Authorize(Policy = Policies.Schedules)]
public sealed class NewModel(CreateGroup create, Caseloads caseloads, CaseloadDbContext db) : PageModel
{
    [BindProperty]
    public GroupForm Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.ClinicianId = await caseloads.OwnClinicianIdAsync(ct);
        await LoadChoicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!caseloads.MayScheduleForOthers)
        {
            Input.ClinicianId = await caseloads.OwnClinicianIdAsync(ct);
        }

        if (ModelState.IsValid)
        {
            var outcome = await create.HandleAsync(Input.ToCreate(), ct);
            if (outcome.Succeeded)
            {
                return Redirect($"/Groups/{outcome.Value.Id}");
            }

            ModelState.AddTo(outcome);
        }

        await LoadChoicesAsync(ct);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        if (caseloads.MayScheduleForOthers)
        {
            ViewData["Clinicians"] = await db.ClinicianListAsync(ct);
        }

        await GroupForm.LoadServiceCodesAsync(ViewData, db, ct);
    }
}
