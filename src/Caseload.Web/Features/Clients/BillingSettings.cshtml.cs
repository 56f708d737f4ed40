using Caseload.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Clients;

/// <summary>
/// A client's billing settings alone, for those who take payments and work claims (billers among them, who do not edit
/// the rest of a client): self-pay or insurance, and for insurance what a claim needs (payer id, policy holder, diagnoses).
/// </summary>
[Authorize(Policy = Policies.TakesPayments)]
public sealed class BillingSettingsModel(ChangeClientBilling change, Caseloads caseloads) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public ClientForm Input { get; set; } = new();

    public string ClientName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var client = await (await caseloads.ClientsAsync(ct)).AsNoTracking().FirstOrDefaultAsync(c => c.Id == Id, ct);
        if (client is null)
        {
            return NotFound();
        }

        Input = ClientForm.From(client);
        ClientName = client.FullName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var entry = Input.ToEntry();
        var unreadable = entry.Unreadable.Where(r => r.Field is not "dateOfBirth").ToList();
        var outcome = await change.HandleAsync(
            new ChangeClientBillingCommand(Id, entry.Details.Billing, entry.Details.MissedSessionFee, unreadable, entry.Details.Coverage), ct);
        if (outcome.Succeeded)
        {
            return Redirect($"/Clients/{Id}/Ledger");
        }

        if (this.Ending(outcome) is { } end)
        {
            return end;
        }

        ModelState.AddTo(outcome, rename: ClientForm.FieldFor);
        ClientName = await (await caseloads.ClientsAsync(ct)).Where(c => c.Id == Id).Select(c => c.FirstName + " " + c.LastName).FirstAsync(ct);
        return Page();
    }
}
