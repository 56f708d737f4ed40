using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Clients;

[Authorize(Policy = Policies.Schedules)]
public sealed class NewModel(CreateClient create, Caseloads caseloads, CaseloadDbContext db) : PageModel
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

        if (ModelState.IsValid)
        {
            var outcome = await create.HandleAsync(new CreateClientCommand(Input.ClinicianId, Input.ToEntry(), confirmDuplicate), ct);
            if (outcome.Succeeded)
            {
                return Redirect($"/Clients/{outcome.Value.Client.Id}");
            }

            if (outcome.First is { Code: RefusalCodes.PossibleDuplicate } duplicate)
            {
                DuplicateWarning = duplicate.Message;
                DuplicateId = duplicate.Field;
            }
            else
            {
                ModelState.AddTo(outcome, rename: ClientForm.FieldFor);
            }
        }

        await LoadChoicesAsync(ct);
        return Page();
    }

    private Task LoadChoicesAsync(CancellationToken ct) => ClientForm.LoadChoicesAsync(ViewData, db, caseloads, ct);
}
