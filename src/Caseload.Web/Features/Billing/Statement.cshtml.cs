using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace Caseload.Web.Features.Billing;

public sealed record StatementRow(string Date, string Description, decimal? Charge, decimal? Paid);

/// <summary>A printable statement of what the client was charged and paid, and what they owe.</summary>
public sealed class StatementModel(BillingWork work, CaseloadDbContext db, Clock clock) : PageModel
{
    public LedgerDto? Ledger { get; private set; }

    public IReadOnlyList<StatementRow> Rows { get; private set; } = [];

    public string ClientName { get; private set; } = "";

    public string PracticeName { get; private set; } = "";

    public string PracticePhone { get; private set; } = "";

    public string Currency { get; private set; } = "";

    public string Today { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        Ledger = await work.LedgerAsync(id, ct);
        if (Ledger is null)
        {
            return NotFound();
        }

        var practice = await db.PracticeAsync(ct);
        (PracticeName, PracticePhone, Currency) = (practice.Name, practice.Phone, practice.Currency);
        Today = LocalDatePattern.Iso.Format(practice.Today(clock.Now));
        ClientName = await db.Clients.Where(c => c.Id == id).Select(c => c.FirstName + " " + c.LastName).FirstAsync(ct);
        Rows = [.. Ledger.Invoices.Where(i => i.Status != "void")
                .Select(i => new StatementRow(i.ServiceDate, $"{i.Number} {(i.Kind == "missed" ? "Missed session" : i.Lines[0].Description)}", i.ClientOwes, null))
            .Concat(Ledger.Payments.Select(p => new StatementRow(p.ReceivedOn, p.Amount < 0 ? "Refund" : $"Payment ({p.Method})", null, p.Amount)))
            .OrderBy(r => r.Date)];
        return Page();
    }
}
