using Caseload.Domain.Insurance;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Billing.Insurance;

/// <summary>What a payer's cheque paid on one claim, as the biller reads it off the paper remittance.</summary>
public sealed class PayerPaymentRow
{
    public string ClaimId { get; set; } = "";

    public decimal? Paid { get; set; }

    /// <summary>What the payer says the client owes (a PR adjustment).</summary>
    public decimal? ClientPart { get; set; }

    /// <summary>The PR reason: 1 deductible, 2 coinsurance, 3 copay.</summary>
    public string ClientPartReason { get; set; } = "1";

    /// <summary>Written off under the practice's contract with the payer (CO-45).</summary>
    public decimal? WriteOff { get; set; }

    /// <summary>The payer has decided the claim: it closes as paid even if short. Unticked, it waits for the rest.</summary>
    public bool Final { get; set; }

    public bool Denied { get; set; }

    /// <summary>A row the biller filled in: any amount, or a denial.</summary>
    public bool Entered => Paid is not null || ClientPart is not null || WriteOff is not null || Denied;

    public ClaimPaymentEntry ToEntry()
    {
        var adjustments = new List<Adjustment>();
        if (ClientPart is > 0 and var part)
        {
            adjustments.Add(new Adjustment(InsuranceClaim.PatientGroup, ClientPartReason, part));
        }

        if (WriteOff is > 0 and var writeOff)
        {
            adjustments.Add(new Adjustment("CO", "45", writeOff));
        }

        return new ClaimPaymentEntry(ClaimId, Paid ?? 0, adjustments, Denied, Final || Denied);
    }
}

public sealed class PayerPaymentForm
{
    public decimal? Amount { get; set; }

    public PayerPaymentMethod Method { get; set; } = PayerPaymentMethod.Check;

    public string? Reference { get; set; }

    public string? ReceivedOn { get; set; }

    public List<PayerPaymentRow> Rows { get; set; } = [];
}

public sealed class TakebackForm
{
    public string? Reference { get; set; }

    public string? ReceivedOn { get; set; }

    public List<ClaimTakebackRow> Rows { get; set; } = [];
}

public sealed class ClaimTakebackRow
{
    public string ClaimId { get; set; } = "";

    public decimal? Amount { get; set; }
}

/// <summary>
/// Payer money entered by hand: a cheque (or other payment) from one payer spread over several of its claims, and a
/// payer's takeback of money it paid. The payer is chosen first; its claims are listed to fill in.
/// </summary>
[Authorize(Policy = Policies.ManagesBilling)]
public sealed class PayerPaymentsModel(ClaimList claims, PostPayerPayment post, TakeBackPayerPayment takeBack, CaseloadDbContext db, Clock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Payer { get; set; }

    [BindProperty]
    public PayerPaymentForm Pay { get; set; } = new();

    [BindProperty]
    public TakebackForm Takeback { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    /// <summary>Payers with claims, for the first step.</summary>
    public IReadOnlyList<string> Payers { get; private set; } = [];

    /// <summary>The payer's claims still waiting for it: what a payment may be posted to.</summary>
    public IReadOnlyList<ClaimView> OpenClaims { get; private set; } = [];

    /// <summary>The payer's claims it has paid on: what it may take back.</summary>
    public IReadOnlyList<ClaimView> PaidClaims { get; private set; } = [];

    public string Today { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Pay = new PayerPaymentForm { ReceivedOn = Today, Rows = [.. OpenClaims.Select(c => new PayerPaymentRow { ClaimId = c.Id, Final = true })] };
        Takeback = new TakebackForm { ReceivedOn = Today, Rows = [.. PaidClaims.Select(c => new ClaimTakebackRow { ClaimId = c.Id })] };
    }

    public async Task<IActionResult> OnPostPayAsync(CancellationToken ct)
    {
        var receivedOn = ReadDate(Pay.ReceivedOn, "Pay.ReceivedOn");
        var entries = Pay.Rows.Where(r => r.Entered).Select(r => r.ToEntry()).ToList();
        if (ModelState.IsValid)
        {
            var outcome = await post.HandleAsync(new PostPayerPaymentCommand(Payer, Pay.Amount ?? -1, Pay.Method, Pay.Reference, receivedOn, entries), ct);
            if (outcome.Succeeded)
            {
                Notice = $"Payment of {outcome.Value.Amount:0.00} from {outcome.Value.Payer} posted to {outcome.Value.Lines.Count} claim{(outcome.Value.Lines.Count == 1 ? "" : "s")}.";
                return Redirect($"/Billing/PayerPayments?payer={Uri.EscapeDataString(Payer ?? "")}");
            }

            if (this.Ending(outcome) is { } end)
            {
                return end;
            }

            ModelState.AddTo(outcome, prefix: nameof(Pay));
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostTakebackAsync(CancellationToken ct)
    {
        var receivedOn = ReadDate(Takeback.ReceivedOn, "Takeback.ReceivedOn");
        var entries = Takeback.Rows.Where(r => r.Amount is not null).Select(r => new ClaimTakeback(r.ClaimId, r.Amount!.Value)).ToList();
        if (ModelState.IsValid)
        {
            var outcome = await takeBack.HandleAsync(new TakeBackPayerPaymentCommand(Payer, Takeback.Reference, receivedOn, entries), ct);
            if (outcome.Succeeded)
            {
                Notice = $"Takeback of {-outcome.Value.Amount:0.00} by {outcome.Value.Payer} recorded: those claims wait for the payer again.";
                return Redirect($"/Billing/PayerPayments?payer={Uri.EscapeDataString(Payer ?? "")}");
            }

            if (this.Ending(outcome) is { } end)
            {
                return end;
            }

            ModelState.AddTo(outcome, prefix: nameof(Takeback));
        }

        await LoadAsync(ct);
        return Page();
    }

    private LocalDate? ReadDate(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (!parsed.Success)
        {
            ModelState.AddModelError(field, "Give the date received.");
            return null;
        }

        return parsed.Value;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = LocalDatePattern.Iso.Format(await db.TodayAsync(clock, ct));
        Pay.ReceivedOn ??= Today;
        Takeback.ReceivedOn ??= Today;
        var all = (await claims.ListAsync(null, null, ct)).Value;
        Payers = [.. all.Select(c => c.Payer).Distinct().Order()];
        if (Payer is { Length: > 0 } payer)
        {
            OpenClaims = [.. all.Where(c => c.Payer == payer && c.Status is ClaimStatuses.Submitted or ClaimStatuses.Ready or ClaimStatuses.Incomplete)
                .OrderBy(c => c.ServiceDate).ThenBy(c => c.ClientName)];
            PaidClaims = [.. all.Where(c => c.Payer == payer && c.Paid > 0).OrderBy(c => c.ServiceDate).ThenBy(c => c.ClientName)];
        }
    }
}
