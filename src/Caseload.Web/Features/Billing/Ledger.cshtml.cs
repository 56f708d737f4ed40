using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Web.Auth;
using Caseload.Web.Features.Clients;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Billing;

public sealed class PayForm
{
    public decimal? Amount { get; set; }

    public PaymentMethod Method { get; set; } = PaymentMethod.Card;

    public string? InvoiceId { get; set; }

    public string? Reference { get; set; }
}

/// <summary>A client's ledger: invoices, payments, credit and balance; payments and refunds are taken here.</summary>
[Idempotent("Pay")]
public sealed class LedgerModel(ClientLedger ledgers, TakePayment takePayment, RefundPayment refundPayment, Caseloads caseloads, CurrentStaff staff,
    Insurance.ClaimList claimList)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public PayForm Pay { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public LedgerView? Ledger { get; private set; }

    public string ClientName { get; private set; } = "";

    public string BillingText { get; private set; } = "";

    /// <summary>The client's insurance claims, newest first: what the payer was billed, paid, and said the client owes.</summary>
    public IReadOnlyList<Insurance.ClaimView> Claims { get; private set; } = [];

    public bool MayTakePayment => staff.Satisfies(Policies.TakesPayments);

    public bool MayRefund => staff.Satisfies(Policies.ManagesBilling);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPayAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return await LoadAsync(ct) ? Page() : NotFound();
        }

        var amount = Pay.Amount ?? 0;
        var outcome = await takePayment.HandleAsync(
            new TakePaymentCommand(Id, Pay.InvoiceId is { Length: > 0 } invoiceId ? invoiceId : null, amount, Pay.Method, Reference: Pay.Reference), ct);
        return await AnswerAsync(outcome, $"Payment of {amount:0.00} recorded.", "Pay", ct);
    }

    public async Task<IActionResult> OnPostRefundAsync(string paymentId, decimal? amount, CancellationToken ct)
    {
        var outcome = await refundPayment.HandleAsync(new RefundPaymentCommand(paymentId, amount ?? 0), ct);
        return await AnswerAsync(outcome, $"Refund of {amount:0.00} recorded.", "", ct);
    }

    private async Task<IActionResult> AnswerAsync(Outcome<PaymentView> outcome, string notice, string prefix, CancellationToken ct)
    {
        if (outcome.Succeeded)
        {
            Notice = notice;
            return Redirect($"/Clients/{Id}/Ledger");
        }

        if (this.Ending(outcome) is { } end)
        {
            return end;
        }

        ModelState.AddTo(outcome, prefix);
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Ledger = await ledgers.FindAsync(Id, ct);
        if (Ledger is null)
        {
            return false;
        }

        var client = await (await caseloads.ClientsAsync(ct)).AsNoTracking().FirstAsync(c => c.Id == Id, ct);
        ClientName = client.FullName;
        BillingText = ClientForm.Describe(client.Billing);
        Claims = (await claimList.ListAsync(null, Id, ct)).Value.OrderByDescending(c => c.ServiceDate).ToList();
        return true;
    }
}
