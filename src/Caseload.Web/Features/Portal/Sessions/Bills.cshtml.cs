using Caseload.Domain.Billing;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Portal.Sessions;

/// <summary>
/// The client's bills: their invoices, and a statement of a period they choose (the last 90 days unless they pick
/// dates), laid out to print. A period the statement cannot cover is said beside the date it concerns.
/// </summary>
public sealed class PortalBillsModel(MyInvoices invoices, MyStatement statement, CurrentClient me, CaseloadDbContext db) : PageModel
{
    /// <summary>The statement's first day, as the date field sends it (yyyy-MM-dd).</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>The statement's last day, as the date field sends it (yyyy-MM-dd).</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public IReadOnlyList<MyInvoice> Invoices { get; private set; } = [];

    public MyStatementView? Statement { get; private set; }

    public string Currency { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var listed = await invoices.HandleAsync(me.ClientId, ct);
        if (this.Ending(listed) is { } end)
        {
            return end;
        }

        Invoices = listed.Value;
        Currency = (await db.PracticeAsync(ct)).Currency;
        var (from, to) = (Parse(From, nameof(From)), Parse(To, nameof(To)));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var read = await statement.HandleAsync(new MyStatementQuery(me.ClientId, from, to), ct);
        if (read.Succeeded)
        {
            Statement = read.Value;
            From = LocalDatePattern.Iso.Format(read.Value.From);
            To = LocalDatePattern.Iso.Format(read.Value.To);
        }
        else
        {
            ModelState.AddTo(read, prefix: "");
        }

        return Page();
    }

    public static string StatusOf(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Paid => "Paid",
        InvoiceStatus.Void => "Void",
        _ => "Open",
    };

    private LocalDate? Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (parsed.Success)
        {
            return parsed.Value;
        }

        ModelState.AddModelError(field, "Enter a date, such as 2026-01-31.");
        return null;
    }
}
