using Caseload.Domain.Billing;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Billing;

public sealed record StatementRow(LocalDate Date, string Description, decimal? Charge, decimal? Paid);

/// <summary>A printable statement of what the client was charged and paid, and what they owe.</summary>
public sealed class StatementModel(ClientLedger ledgers, CaseloadDbContext db, Clock clock) : PageModel
{
    public LedgerView? Ledger { get; private set; }

    public IReadOnlyList<StatementRow> Rows { get; private set; } = [];

    public string ClientName { get; private set; } = "";

    public string PracticeName { get; private set; } = "";

    public string PracticePhone { get; private set; } = "";

    public string Currency { get; private set; } = "";

    public LocalDate Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        Ledger = await ledgers.FindAsync(id, ct);
        if (Ledger is null)
        {
            return NotFound();
        }

        var practice = await db.PracticeAsync(ct);
        (PracticeName, PracticePhone, Currency) = (practice.Name, practice.Phone, practice.Currency);
        Today = practice.Today(clock.Now);
        ClientName = await db.Clients.Where(c => c.Id == id).Select(c => c.FirstName + " " + c.LastName).FirstAsync(ct);
        Rows = [.. Ledger.Invoices.Where(i => i.Status != InvoiceStatus.Void)
                .Select(i => new StatementRow(i.ServiceDate, $"{i.Number} {(i.Kind == InvoiceKind.Missed ? "Missed session" : i.Lines[0].Description)}", i.ClientOwes, null))
            .Concat(Ledger.Payments.Select(p => new StatementRow(p.ReceivedOn, p.Amount < 0 ? "Refund" : $"Payment ({BillingFormat.Method(p.Method).ToLowerInvariant()})", null, p.Amount)))
            .OrderBy(r => r.Date)];
        return Page();
    }
}
