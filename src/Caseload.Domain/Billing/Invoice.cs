using Caseload.Domain.Clients;
using NodaTime;

namespace Caseload.Domain.Billing;

public enum InvoiceKind
{
    Service,
    Missed,
}

public enum InvoiceStatus
{
    Open,
    Paid,
    Void,
}

/// <summary>One priced line. For an insured client it is also the claim line sent to the payer.</summary>
public sealed class InvoiceLine
{
    private InvoiceLine()
    {
    }

    internal InvoiceLine(string invoiceId, string description, string? serviceCode, decimal fee, decimal clientOwes, decimal payerOwes)
    {
        Id = Guid.CreateVersion7().ToString("N");
        InvoiceId = invoiceId;
        Description = description;
        ServiceCode = serviceCode;
        Fee = fee;
        ClientOwes = clientOwes;
        PayerOwes = payerOwes;
    }

    public string Id { get; private set; } = "";

    public string InvoiceId { get; private set; } = "";

    public string Description { get; private set; } = "";

    public string? ServiceCode { get; private set; }

    public decimal Fee { get; private set; }

    public decimal ClientOwes { get; private set; }

    public decimal PayerOwes { get; private set; }
}

/// <summary>What a session was: the facts an invoice is priced from, copied so the invoice never changes under it.</summary>
public sealed record BilledSession(string AppointmentId, string ClientId, LocalDate ServiceDate, string ServiceCode, string ServiceDescription,
    decimal PracticeFee, bool Telehealth);

/// <summary>
/// What one client owes for one appointment: the session itself, or a missed-session charge.
/// Priced from the client's billing settings when issued, and kept as issued.
/// </summary>
public sealed class Invoice
{
    /// <summary>CMS place-of-service codes: 11 office, 02 telehealth provided other than in the patient's home.</summary>
    public const string OfficePlace = "11";
    public const string TelehealthPlace = "02";

    private readonly List<InvoiceLine> _lines = [];

    private Invoice()
    {
    }

    public string Id { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    public string AppointmentId { get; private set; } = "";

    public InvoiceKind Kind { get; private set; }

    public InvoiceStatus Status { get; private set; }

    public LocalDate IssuedOn { get; private set; }

    public LocalDate ServiceDate { get; private set; }

    public decimal Total { get; private set; }

    public decimal ClientOwes { get; private set; }

    public decimal PayerOwes { get; private set; }

    /// <summary>The payer billed for <see cref="PayerOwes"/>; null when the client pays all.</summary>
    public string? Payer { get; private set; }

    public string? MemberId { get; private set; }

    public string PlaceOfService { get; private set; } = OfficePlace;

    public string? VoidReason { get; private set; }

    /// <summary>What the client has paid towards <see cref="ClientOwes"/>.</summary>
    public decimal ClientPaid { get; private set; }

    /// <summary>What the client still owes on it; nothing once void.</summary>
    public decimal ClientBalance => Status == InvoiceStatus.Void ? 0 : ClientOwes - ClientPaid;

    public IReadOnlyList<InvoiceLine> Lines => _lines;

    /// <summary>
    /// Rule 9 pricing. Self-pay: the client's sliding-scale rate, else the practice fee. Insurance:
    /// the client owes the copay (never more than the fee) and the payer the rest.
    /// </summary>
    public static Invoice ForSession(BilledSession session, BillingSettings billing, LocalDate today)
    {
        var invoice = New(session, InvoiceKind.Service, today);
        var fee = Money.Round(billing.Mode == BillingMode.SelfPay ? billing.Rate ?? session.PracticeFee : session.PracticeFee);
        var clientOwes = billing.Mode == BillingMode.SelfPay ? fee : Math.Min(Money.Round(billing.Copay ?? 0m), fee);
        if (billing.Mode == BillingMode.Insurance)
        {
            invoice.Payer = billing.Payer;
            invoice.MemberId = billing.MemberId;
        }

        invoice.AddLine($"{session.ServiceCode} {session.ServiceDescription}", session.ServiceCode, fee, clientOwes, fee - clientOwes);
        return invoice;
    }

    /// <summary>Rule 7: a missed-session charge is billed to the client alone, never to a payer or onto a claim.</summary>
    public static Invoice ForMissedSession(BilledSession session, decimal charge, LocalDate today)
    {
        var invoice = New(session, InvoiceKind.Missed, today);
        var amount = Money.Round(charge);
        invoice.AddLine("Missed session", null, amount, amount, 0m);
        return invoice;
    }

    public Outcome Void(string reason)
    {
        if (Status == InvoiceStatus.Void)
        {
            return new Refusal(RefusalCodes.InvoiceVoid, "This invoice is already void.");
        }

        if (ClientPaid != 0)
        {
            return new Refusal(RefusalCodes.PaymentTaken, "A payment was applied to this invoice: refund it first.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refusal.Invalid("reason", "Say why the invoice is void.");
        }

        if (TextLimits.Check(reason, TextLimits.VoidReason, "reason") is { } tooLong)
        {
            return tooLong;
        }

        Status = InvoiceStatus.Void;
        VoidReason = reason.Trim();
        return Outcome.Done;
    }

    /// <summary>
    /// The payer's decision on the claim: the client owes what the payer says is theirs (deductible, coinsurance,
    /// copay), and the payer the rest. The client's share is never lowered below what the invoice billed them at issue
    /// (the copay), nor raised above the fee; a lower patient responsibility shows on the claim for a biller to settle.
    /// The lines stay as priced at issue.
    /// </summary>
    public void SetPatientResponsibility(decimal amount)
    {
        if (Status == InvoiceStatus.Void)
        {
            return;
        }

        ClientOwes = Math.Min(Total, Math.Max(ClientOwes, Money.Round(amount)));
        PayerOwes = Total - ClientOwes;
        Status = ClientPaid >= ClientOwes ? InvoiceStatus.Paid : InvoiceStatus.Open;
    }

    /// <summary>Applies (or, negative, takes back) a client payment; the invoice is paid when the client's share is.</summary>
    internal void ApplyClientPayment(decimal amount)
    {
        ClientPaid += amount;
        Status = ClientPaid >= ClientOwes ? InvoiceStatus.Paid : InvoiceStatus.Open;
    }

    private static Invoice New(BilledSession session, InvoiceKind kind, LocalDate today) => new()
    {
        Id = Guid.CreateVersion7().ToString("N"),
        ClientId = session.ClientId,
        AppointmentId = session.AppointmentId,
        Kind = kind,
        Status = InvoiceStatus.Open,
        IssuedOn = today,
        ServiceDate = session.ServiceDate,
        PlaceOfService = session.Telehealth ? TelehealthPlace : OfficePlace,
    };

    private void AddLine(string description, string? serviceCode, decimal fee, decimal clientOwes, decimal payerOwes)
    {
        _lines.Add(new InvoiceLine(Id, description, serviceCode, fee, clientOwes, payerOwes));
        Total = _lines.Sum(l => l.Fee);
        ClientOwes = _lines.Sum(l => l.ClientOwes);
        PayerOwes = _lines.Sum(l => l.PayerOwes);
        Status = ClientOwes == 0 ? InvoiceStatus.Paid : InvoiceStatus.Open;
    }
}
