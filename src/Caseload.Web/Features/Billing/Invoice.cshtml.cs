using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Billing;

/// <summary>One invoice, laid out to print and hand or mail to the client.</summary>
public sealed class InvoiceModel(InvoiceList invoices, VoidInvoice voidInvoice, CaseloadDbContext db, CurrentStaff staff) : PageModel
{
    public InvoiceView? Invoice { get; private set; }

    public string ClientName { get; private set; } = "";

    public string PracticeName { get; private set; } = "";

    public string PracticePhone { get; private set; } = "";

    public string Currency { get; private set; } = "";

    public string? Message { get; private set; }

    public bool MayVoid => staff.Satisfies(Policies.ManagesBilling);

    /// <summary>Voids an unpaid invoice, with the reason kept on it.</summary>
    public async Task<IActionResult> OnPostVoidAsync(string id, string? reason, CancellationToken ct)
    {
        var outcome = await voidInvoice.HandleAsync(new VoidInvoiceCommand(id, reason), ct);
        if (this.Ending(outcome) is { } end)
        {
            return end;
        }

        var page = await OnGetAsync(id, ct);
        Message = outcome.First?.Message;
        return page;
    }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        Invoice = await invoices.FindAsync(id, ct);
        if (Invoice is null)
        {
            return NotFound();
        }

        var practice = await db.PracticeAsync(ct);
        (PracticeName, PracticePhone, Currency) = (practice.Name, practice.Phone, practice.Currency);
        ClientName = await db.Clients.Where(c => c.Id == Invoice.ClientId).Select(c => c.FirstName + " " + c.LastName).FirstAsync(ct);
        return Page();
    }
}
