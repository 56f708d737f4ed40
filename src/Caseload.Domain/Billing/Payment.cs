using NodaTime;

namespace Caseload.Domain.Billing;

public enum PaymentMethod
{
    Card,
    Cash,
    Check,
    Other,
}

/// <summary>Part of a payment applied to one invoice. Negative on a refund that takes an amount back.</summary>
public sealed class Allocation
{
    private Allocation()
    {
    }

    internal Allocation(string paymentId, string invoiceId, decimal amount)
    {
        Id = Guid.CreateVersion7().ToString("N");
        PaymentId = paymentId;
        InvoiceId = invoiceId;
        Amount = amount;
    }

    public string Id { get; private set; } = "";

    public string PaymentId { get; private set; } = "";

    public string InvoiceId { get; private set; } = "";

    public decimal Amount { get; private set; }
}

/// <summary>
/// Money a client paid (or, negative, was refunded). What is not applied to invoices is the
/// client's credit, to be applied later.
/// </summary>
public sealed class Payment
{
    private readonly List<Allocation> _allocations = [];

    private Payment()
    {
    }

    public string Id { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    public decimal Amount { get; private set; }

    public PaymentMethod Method { get; private set; }

    public LocalDate ReceivedOn { get; private set; }

    public string? Reference { get; private set; }

    public Instant RecordedAt { get; private set; }

    /// <summary>For a refund: the payment whose money it gives back.</summary>
    public string? RefundOf { get; private set; }

    /// <summary>How many refunds were given from this payment; it changes with each, so two given at once cannot both pass.</summary>
    public int RefundCount { get; private set; }

    public IReadOnlyList<Allocation> Allocations => _allocations;

    public bool IsRefund => Amount < 0;

    public decimal Applied => _allocations.Sum(a => a.Amount);

    /// <summary>What of this payment is still the client's credit.</summary>
    public decimal Unapplied => Amount - Applied;

    /// <summary>Takes a payment and applies it to the invoices named, in order; the rest becomes credit.</summary>
    public static (Payment? Payment, Outcome Outcome) Receive(
        string clientId,
        decimal amount,
        PaymentMethod method,
        LocalDate receivedOn,
        string? reference,
        IReadOnlyList<(Invoice Invoice, decimal Amount)> applyTo,
        Instant now)
    {
        var refusals = new List<Refusal>();
        if (amount <= 0 || amount > 1_000_000 || Money.Round(amount) != amount)
        {
            refusals.Add(Refusal.Invalid("amount", "Enter an amount above 0.00, in cents."));
        }

        if (applyTo.Sum(a => a.Amount) > amount)
        {
            refusals.Add(Refusal.Invalid("amount", "The amounts applied to invoices add up to more than the payment."));
        }

        if (TextLimits.Check(reference, TextLimits.PaymentReference, "reference") is { } tooLong)
        {
            refusals.Add(tooLong);
        }

        if (applyTo.Select(a => a.Invoice.Id).Distinct().Count() != applyTo.Count)
        {
            refusals.Add(Refusal.Invalid("allocations", "Name each invoice once."));
        }

        foreach (var (invoice, applied) in applyTo)
        {
            refusals.AddRange(CheckApplication(clientId, invoice, applied));
        }

        if (refusals.Count > 0)
        {
            return (null, Outcome.From(refusals));
        }

        var payment = new Payment
        {
            Id = Guid.CreateVersion7().ToString("N"),
            ClientId = clientId,
            Amount = amount,
            Method = method,
            ReceivedOn = receivedOn,
            Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim(),
            RecordedAt = now,
        };
        foreach (var (invoice, applied) in applyTo)
        {
            payment.Apply(invoice, applied);
        }

        return (payment, Outcome.Done);
    }

    /// <summary>Takes back an amount applied to an invoice: the invoice opens again and the amount is credit.</summary>
    public Outcome Unapply(Invoice invoice, decimal amount)
    {
        var applied = _allocations.Where(a => a.InvoiceId == invoice.Id).Sum(a => a.Amount);
        if (amount <= 0 || amount > applied)
        {
            return Refusal.Invalid("amount", $"Only {applied:0.00} of this payment is applied to that invoice.");
        }

        Apply(invoice, -amount);
        return Outcome.Done;
    }

    /// <summary>
    /// Gives back unapplied money of this payment. The refund is a payment of its own, negative and
    /// applied to nothing; <paramref name="earlierRefunds"/> are the refunds already given from this payment.
    /// </summary>
    public (Payment? Refund, Outcome Outcome) Refund(decimal amount, string? reference, IEnumerable<Payment> earlierRefunds, LocalDate today, Instant now)
    {
        var refundable = Unapplied + earlierRefunds.Sum(r => r.Amount);
        if (IsRefund)
        {
            return (null, new Refusal(RefusalCodes.NotRefundable, "A refund cannot itself be refunded."));
        }

        if (amount <= 0 || Money.Round(amount) != amount || amount > refundable)
        {
            return (null, Refusal.Invalid("amount", $"Refund from 0.01 up to {Math.Max(0, refundable):0.00}."));
        }

        if (TextLimits.Check(reference, TextLimits.PaymentReference, "reference") is { } tooLong)
        {
            return (null, tooLong);
        }

        RefundCount++;
        return (new Payment
        {
            Id = Guid.CreateVersion7().ToString("N"),
            ClientId = ClientId,
            Amount = -amount,
            Method = Method,
            ReceivedOn = today,
            Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim(),
            RecordedAt = now,
            RefundOf = Id,
        }, Outcome.Done);
    }

    private static IEnumerable<Refusal> CheckApplication(string clientId, Invoice invoice, decimal amount)
    {
        if (invoice.ClientId != clientId)
        {
            yield return Refusal.Invalid("invoiceId", "That invoice is another client's.");
        }
        else if (invoice.Status == InvoiceStatus.Void)
        {
            yield return Refusal.Invalid("invoiceId", "That invoice is void.");
        }
        else if (amount <= 0 || amount > invoice.ClientBalance)
        {
            yield return Refusal.Invalid("amount", $"Apply from 0.01 up to the invoice's balance of {invoice.ClientBalance:0.00}.");
        }
    }

    private void Apply(Invoice invoice, decimal amount)
    {
        _allocations.Add(new Allocation(Id, invoice.Id, amount));
        invoice.ApplyClientPayment(amount);
    }
}
