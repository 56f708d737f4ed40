using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Clients;

[Authorize(Policy = Policies.Schedules)]
public sealed class EditModel(ChangeClient change, ClientSearch search, Caseloads caseloads, CaseloadDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public ClientForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var client = await search.FindAsync(Id, ct);
        if (client is null)
        {
            return NotFound();
        }

        Input = ClientForm.From(client);
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var outcome = await change.HandleAsync(new ChangeClientCommand(Id, Input.ClinicianId, Input.ToEntry()), ct);
            if (outcome.Succeeded)
            {
                return Redirect($"/Clients/{Id}");
            }

            if (this.Ending(outcome) is { } end)
            {
                return end;
            }

            ModelState.AddTo(outcome, rename: ClientForm.FieldFor);
        }

        await LoadChoicesAsync(ct);
        return Page();
    }

    private Task LoadChoicesAsync(CancellationToken ct) => ClientForm.LoadChoicesAsync(ViewData, db, caseloads, ct);
}
