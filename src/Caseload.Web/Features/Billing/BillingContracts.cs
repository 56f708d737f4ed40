using Caseload.Domain.Billing;
using NodaTime.Text;

namespace Caseload.Web.Features.Billing;

public sealed record InvoiceLineDto(string Description, string? ServiceCode, decimal Fee, decimal ClientOwes, decimal PayerOwes);

/// <summary>The invoice as the pinned API writes it, with what has been paid and what is still owed.</summary>
public sealed record InvoiceDto(
    string Id,
    string Number,
    string ClientId,
    string AppointmentId,
    string Kind,
    string Status,
    string IssuedOn,
    string ServiceDate,
    decimal Total,
    decimal ClientOwes,
    decimal PayerOwes,
    decimal ClientPaid,
    decimal Balance,
    string? Payer,
    string? MemberId,
    string PlaceOfService,
    string? VoidReason,
    IReadOnlyList<InvoiceLineDto> Lines)
{
    public static InvoiceDto From(Invoice i) => new(
        i.Id, NumberOf(i), i.ClientId, i.AppointmentId, i.Kind == InvoiceKind.Missed ? "missed" : "service", StatusOf(i.Status),
        LocalDatePattern.Iso.Format(i.IssuedOn), LocalDatePattern.Iso.Format(i.ServiceDate),
        i.Total, i.ClientOwes, i.PayerOwes, i.ClientPaid, i.ClientBalance, i.Payer, i.MemberId, i.PlaceOfService, i.VoidReason,
        [.. i.Lines.Select(l => new InvoiceLineDto(l.Description, l.ServiceCode, l.Fee, l.ClientOwes, l.PayerOwes))]);

    /// <summary>A short number people can say on the phone: the invoice id's last eight characters, upper case.</summary>
    public static string NumberOf(Invoice i) => "INV-" + i.Id[^8..].ToUpperInvariant();

    public static string StatusOf(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Paid => "paid",
        InvoiceStatus.Void => "void",
        _ => "open",
    };
}

public sealed record AllocationInput(string InvoiceId, decimal Amount);

/// <summary>
/// <c>{invoiceId, amount, method}</c> pays one invoice (the pinned form); <c>clientId</c> with
/// <c>allocations</c> spreads one payment over several; anything not applied is credit.
/// </summary>
public sealed record PaymentInput(
    string? InvoiceId,
    decimal? Amount,
    string? Method,
    string? ClientId = null,
    string? ReceivedOn = null,
    string? Reference = null,
    IReadOnlyList<AllocationInput>? Allocations = null);

public sealed record AllocationDto(string InvoiceId, decimal Amount);

public sealed record PaymentDto(string Id, string ClientId, decimal Amount, string Method, string ReceivedOn, string? Reference,
    decimal Unapplied, IReadOnlyList<AllocationDto> Allocations)
{
    public static PaymentDto From(Payment p) => new(p.Id, p.ClientId, p.Amount, p.Method.ToString().ToLowerInvariant(),
        LocalDatePattern.Iso.Format(p.ReceivedOn), p.Reference, p.Unapplied, [.. p.Allocations.Select(a => new AllocationDto(a.InvoiceId, a.Amount))]);
}

public sealed record RefundInput(decimal? Amount, string? Reference);

public sealed record VoidInput(string? Reason);

public sealed record LedgerDto(string ClientId, decimal Owed, decimal Credit, decimal Balance, IReadOnlyList<InvoiceDto> Invoices, IReadOnlyList<PaymentDto> Payments);
