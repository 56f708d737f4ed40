using Caseload.Web.Api;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Settings.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Groups;

[Authorize(Roles = $"{Roles.Administrator},{Roles.Scheduler},{Roles.Clinician}")]
public sealed class NewModel(GroupWork work, Caseloads caseloads, CaseloadDbContext db) : PageModel
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

        var (group, outcome) = ModelState.IsValid ? await work.CreateAsync(Input.ToInput(), ct) : default;
        if (group is not null)
        {
            return Redirect($"/Groups/{group.Id}");
        }

        ModelState.AddTo(outcome);
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
