using Caseload.Web.Api;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Settings.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Clients;

[Authorize(Roles = $"{Roles.Administrator},{Roles.Scheduler},{Roles.Clinician}")]
public sealed class NewModel(SaveClient save, Caseloads caseloads, CaseloadDbContext db) : PageModel
{
    [BindProperty]
    public ClientForm Input { get; set; } = new();

    public string? DuplicateWarning { get; private set; }

    public string? DuplicateId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.ClinicianId = await caseloads.OwnClinicianIdAsync(ct);
        await LoadChoicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(bool confirmDuplicate, CancellationToken ct)
    {
        if (!caseloads.MayScheduleForOthers)
        {
            Input.ClinicianId = await caseloads.OwnClinicianIdAsync(ct);
        }

        var (saved, outcome) = ModelState.IsValid ? await save.CreateAsync(Input.ToInput(), confirmDuplicate, ct) : default;
        if (outcome.Succeeded && saved is not null)
        {
            return Redirect($"/Clients/{saved.Client.Id}");
        }

        if (outcome.First?.Code == "possible-duplicate")
        {
            DuplicateWarning = outcome.First!.Message;
            DuplicateId = outcome.First.Field;
        }
        else if (!outcome.Succeeded)
        {
            ModelState.AddTo(outcome, rename: ClientForm.FieldFor);
        }

        await LoadChoicesAsync(ct);
        return Page();
    }

    private Task LoadChoicesAsync(CancellationToken ct) => ClientForm.LoadChoicesAsync(ViewData, db, caseloads, ct);
}
