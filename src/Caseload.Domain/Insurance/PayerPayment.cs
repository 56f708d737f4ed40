using Caseload.Domain.Billing;
using NodaTime;

namespace Caseload.Domain.Insurance;

/// <summary>How a payer's money came: an electronic transfer (with its remittance), a cheque, or otherwise.</summary>
public enum PayerPaymentMethod
{
    Eft,
    Check,
    Other,
}

/// <summary>One adjustment of a posting, as the payer gave it (CAS group and reason).</summary>
public sealed class PayerAdjustment
{
    private PayerAdjustment()
    {
    }

    internal PayerAdjustment(string lineId, Adjustment adjustment)
    {
        Id = Guid.CreateVersion7().ToString("N");
        LineId = lineId;
        Group = adjustment.Group;
        Reason = adjustment.Reason;
        Amount = adjustment.Amount;
    }

    public string Id { get; private set; } = "";

    public string LineId { get; private set; } = "";

    public string Group { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public decimal Amount { get; private set; }
}

/// <summary>What one payer payment did to one claim: paid (negative for a takeback), the client's part, and why.</summary>
public sealed class PayerPaymentLine
{
    private readonly List<PayerAdjustment> _adjustments = [];

    private PayerPaymentLine()
    {
    }

    internal PayerPaymentLine(string paymentId, string claimId, decimal paid, IEnumerable<Adjustment> adjustments)
    {
        Id = Guid.CreateVersion7().ToString("N");
        PaymentId = paymentId;
        ClaimId = claimId;
        Paid = paid;
        _adjustments.AddRange(adjustments.Select(a => new PayerAdjustment(Id, a)));
        PatientResponsibility = _adjustments.Where(a => a.Group == InsuranceClaim.PatientGroup).Sum(a => a.Amount);
    }

    public string Id { get; private set; } = "";

    public string PaymentId { get; private set; } = "";

    public string ClaimId { get; private set; } = "";

    public decimal Paid { get; private set; }

    public decimal PatientResponsibility { get; private set; }

    public IReadOnlyList<PayerAdjustment> Adjustments => _adjustments;
}

/// <summary>What a payer did with one claim, as posted: by hand or from a remittance.</summary>
/// <param name="Final">The payer has decided: the claim closes as paid (or denied) whatever was paid.</param>
public sealed record ClaimPosting(InsuranceClaim Claim, decimal Paid, IReadOnlyList<Adjustment> Adjustments, bool Denied, bool Final);

/// <summary>
/// Money from a payer (or, negative, taken back by one) against one or more claims: a remittance's payment, a cheque
/// entered by hand, a refund of an overpayment. Each posting moves the claim on and puts the patient responsibility
/// on the client's invoice.
/// </summary>
public sealed class PayerPayment
{
    private readonly List<PayerPaymentLine> _lines = [];

    private PayerPayment()
    {
    }

    public string Id { get; private set; } = "";

    public string Payer { get; private set; } = "";

    public decimal Amount { get; private set; }

    public PayerPaymentMethod Method { get; private set; }

    /// <summary>The cheque or EFT trace number: with the payer, what identifies the payment.</summary>
    public string? Reference { get; private set; }

    public LocalDate ReceivedOn { get; private set; }

    public Instant RecordedAt { get; private set; }

    /// <summary>The remittance file it was posted from; null when entered by hand.</summary>
    public string? RemittanceId { get; private set; }

    public IReadOnlyList<PayerPaymentLine> Lines => _lines;

    public bool IsTakeback => Amount < 0;

    /// <summary>
    /// Posts a payer's payment over its claims and moves the client's part onto each claim's invoice. The amounts
    /// posted add up to the payment (a remittance's provider-level adjustments aside, which are passed over).
    /// </summary>
    public static (PayerPayment? Payment, Outcome Outcome) Receive(
        string payer, decimal amount, PayerPaymentMethod method, string? reference, LocalDate receivedOn, string? remittanceId,
        IReadOnlyList<ClaimPosting> postings, IReadOnlyDictionary<string, Invoice> invoices, Instant now)
    {
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(payer) || payer.Trim().Length > TextLimits.Payer)
        {
            refusals.Add(Refusal.Invalid("payer", "Enter the payer's name."));
        }

        if (amount < 0 || amount > 10_000_000 || Money.Round(amount) != amount)
        {
            refusals.Add(Refusal.Invalid("amount", "Enter the amount received, 0.00 or more, in cents."));
        }

        if (TextLimits.Check(reference, TextLimits.PaymentReference, "reference") is { } tooLong)
        {
            refusals.Add(tooLong);
        }

        if (postings.Count == 0)
        {
            refusals.Add(Refusal.Invalid("claims", "Name the claims the payment pays."));
        }

        if (postings.Select(p => p.Claim.Id).Distinct().Count() != postings.Count)
        {
            refusals.Add(Refusal.Invalid("claims", "Name each claim once."));
        }

        if (remittanceId is null && postings.Sum(p => p.Paid) != amount)
        {
            refusals.Add(Refusal.Invalid("amount", $"The amounts paid on the claims add up to {postings.Sum(p => p.Paid):0.00}, not {amount:0.00}."));
        }

        foreach (var posting in postings)
        {
            if (remittanceId is null && posting.Claim.Payer != payer.Trim())
            {
                refusals.Add(Refusal.Invalid("claims", $"Claim {posting.Claim.Number} is billed to {posting.Claim.Payer}."));
            }

            if (posting.Paid < 0 || posting.Adjustments.Any(a => a.Group is not ("CO" or "PR" or "OA" or "PI") || string.IsNullOrWhiteSpace(a.Reason)))
            {
                refusals.Add(Refusal.Invalid("claims", $"Claim {posting.Claim.Number}: paid is 0.00 or more; each adjustment has a group (CO, PR, OA, PI) and a reason code."));
            }
        }

        if (refusals.Count > 0)
        {
            return (null, Outcome.From(refusals));
        }

        var payment = new PayerPayment
        {
            Id = Guid.CreateVersion7().ToString("N"),
            Payer = payer.Trim(),
            Amount = amount,
            Method = method,
            Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim(),
            ReceivedOn = receivedOn,
            RecordedAt = now,
            RemittanceId = remittanceId,
        };
        foreach (var posting in postings)
        {
            var outcome = posting.Claim.Post(posting.Paid, posting.Adjustments, posting.Denied, posting.Final);
            if (!outcome.Succeeded)
            {
                return (null, outcome);
            }

            var line = new PayerPaymentLine(payment.Id, posting.Claim.Id, posting.Paid, posting.Adjustments);
            payment._lines.Add(line);
            if (line.PatientResponsibility > 0 && invoices.TryGetValue(posting.Claim.InvoiceId, out var invoice))
            {
                invoice.SetPatientResponsibility(posting.Claim.PatientResponsibility);
            }
        }

        return (payment, Outcome.Done);
    }

    /// <summary>
    /// The payer takes money back from claims it paid (a refund the practice sends, or a recoupment from a later payment):
    /// a negative payment whose lines take back from each claim, which waits for the payer again.
    /// </summary>
    public static (PayerPayment? Payment, Outcome Outcome) TakeBack(
        string payer, string? reference, LocalDate receivedOn, IReadOnlyList<(InsuranceClaim Claim, decimal Amount)> claims, Instant now)
    {
        var refusals = new List<Refusal>();
        if (claims.Count == 0)
        {
            refusals.Add(Refusal.Invalid("claims", "Name the claims the payer takes money back from."));
        }

        if (TextLimits.Check(reference, TextLimits.PaymentReference, "reference") is { } tooLong)
        {
            refusals.Add(tooLong);
        }

        foreach (var (claim, amount) in claims)
        {
            if (claim.Payer != payer)
            {
                refusals.Add(Refusal.Invalid("claims", $"Claim {claim.Number} is billed to {claim.Payer}."));
            }
        }

        if (refusals.Count > 0)
        {
            return (null, Outcome.From(refusals));
        }

        var payment = new PayerPayment
        {
            Id = Guid.CreateVersion7().ToString("N"),
            Payer = payer,
            Amount = -claims.Sum(c => c.Amount),
            Method = PayerPaymentMethod.Other,
            Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim(),
            ReceivedOn = receivedOn,
            RecordedAt = now,
        };
        foreach (var (claim, amount) in claims)
        {
            var outcome = claim.TakeBack(amount);
            if (!outcome.Succeeded)
            {
                return (null, outcome);
            }

            payment._lines.Add(new PayerPaymentLine(payment.Id, claim.Id, -amount, []));
        }

        return (payment, Outcome.Done);
    }
}
