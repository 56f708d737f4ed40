using Caseload.Web.Api;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Settings.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Clients;

[Authorize(Roles = $"{Roles.Administrator},{Roles.Scheduler},{Roles.Clinician}")]
public sealed class EditModel(SaveClient save, Caseloads caseloads, CaseloadDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public ClientForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var client = await (await caseloads.ClientsAsync(ct)).AsNoTracking().FirstOrDefaultAsync(c => c.Id == Id, ct);
        if (client is null)
        {
            return NotFound();
        }

        Input = ClientForm.From(ClientDto.From(client));
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (saved, outcome) = ModelState.IsValid ? await save.UpdateAsync(Id, Input.ToInput(), ct) : default;
        if (saved is not null)
        {
            return Redirect($"/Clients/{Id}");
        }

        if (outcome.First?.Code == "not-found")
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            ModelState.AddTo(outcome, rename: ClientForm.FieldFor);
        }

        await LoadChoicesAsync(ct);
        return Page();
    }

    private Task LoadChoicesAsync(CancellationToken ct) => ClientForm.LoadChoicesAsync(ViewData, db, caseloads, ct);
}
