using Caseload.Web.Api;
using Caseload.Web.Auth;
using Caseload.Web.Features.Clients;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Billing;

public sealed class PayForm
{
    public decimal? Amount { get; set; }

    public string Method { get; set; } = "card";

    public string? InvoiceId { get; set; }

    public string? Reference { get; set; }
}

/// <summary>A client's ledger: invoices, payments, credit and balance; payments and refunds are taken here.</summary>
public sealed class LedgerModel(BillingWork work, Caseloads caseloads) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public PayForm Pay { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public LedgerDto? Ledger { get; private set; }

    public string ClientName { get; private set; } = "";

    public string BillingText { get; private set; } = "";

    public bool MayTakePayment => User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.Biller) || User.IsInRole(Roles.Scheduler);

    public bool MayRefund => User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.Biller);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPayAsync(CancellationToken ct)
    {
        if (!MayTakePayment)
        {
            return Forbid();
        }

        var ledger = await work.LedgerAsync(Id, ct);
        if (ledger is null)
        {
            return NotFound();
        }

        var amount = Pay.Amount ?? 0;
        var allocations = Pay.InvoiceId is { Length: > 0 } invoiceId
            ? [new AllocationInput(invoiceId, Math.Min(amount, ledger.Invoices.FirstOrDefault(i => i.Id == invoiceId)?.Balance ?? 0))]
            : OldestFirst(ledger, amount);
        var (payment, outcome) = await work.ReceiveAsync(
            new PaymentInput(null, amount, Pay.Method, Id, null, Pay.Reference, allocations), ct);
        return await AnswerAsync(payment is not null, outcome, $"Payment of {amount:0.00} recorded.", "Pay", ct);
    }

    public async Task<IActionResult> OnPostRefundAsync(string paymentId, decimal? amount, CancellationToken ct)
    {
        var (refund, outcome) = MayRefund ? await work.RefundAsync(paymentId, new RefundInput(amount, null), ct) : default;
        return MayRefund ? await AnswerAsync(refund is not null, outcome, $"Refund of {amount:0.00} recorded.", "", ct) : Forbid();
    }

    /// <summary>A payment with no invoice chosen pays the oldest open invoices first; the rest is credit.</summary>
    private static List<AllocationInput> OldestFirst(LedgerDto ledger, decimal amount)
    {
        var allocations = new List<AllocationInput>();
        foreach (var invoice in ledger.Invoices.Where(i => i.Status == "open" && i.Balance > 0).OrderBy(i => i.ServiceDate))
        {
            var applied = Math.Min(invoice.Balance, amount);
            if (applied <= 0)
            {
                break;
            }

            allocations.Add(new AllocationInput(invoice.Id, applied));
            amount -= applied;
        }

        return allocations;
    }

    private async Task<IActionResult> AnswerAsync(bool done, Domain.Outcome outcome, string notice, string prefix, CancellationToken ct)
    {
        if (done)
        {
            Notice = notice;
            return Redirect($"/Clients/{Id}/Ledger");
        }

        if (outcome.First?.Code == "not-found")
        {
            return NotFound();
        }

        ModelState.AddTo(outcome, prefix);
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Ledger = await work.LedgerAsync(Id, ct);
        if (Ledger is null)
        {
            return false;
        }

        var client = await (await caseloads.ClientsAsync(ct)).AsNoTracking().FirstAsync(c => c.Id == Id, ct);
        ClientName = client.FullName;
        BillingText = ClientForm.Describe(client.Billing);
        return true;
    }
}
