using System.Text.Json.Serialization;
using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Web.Features.Billing;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Api.Billing;

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
    IReadOnlyList<InvoiceLineDto> Lines,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LedgerSessionDto? Session = null)
{
    public static InvoiceDto From(InvoiceView i) => new(
        i.Id, i.Number, i.ClientId, i.AppointmentId, i.Kind == InvoiceKind.Missed ? "missed" : "service", StatusOf(i.Status),
        Wire.Date(i.IssuedOn), Wire.Date(i.ServiceDate),
        i.Total, i.ClientOwes, i.PayerOwes, i.ClientPaid, i.Balance, i.Payer, i.MemberId, i.PlaceOfService, i.VoidReason,
        [.. i.Lines.Select(l => new InvoiceLineDto(l.Description, l.ServiceCode, l.Fee, l.ClientOwes, l.PayerOwes))]);

    private static string StatusOf(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Paid => "paid",
        InvoiceStatus.Void => "void",
        _ => "open",
    };
}

public sealed record AllocationInput(string InvoiceId, decimal Amount);

/// <summary>
/// <c>{invoiceId, amount, method}</c> pays one invoice (the pinned form); <c>clientId</c> with
/// <c>allocations</c> spreads one payment over several; <c>clientId</c> alone pays the client's
/// oldest open invoices first; anything not applied is credit.
/// </summary>
public sealed record PaymentInput(
    string? InvoiceId,
    decimal? Amount,
    string? Method,
    string? ClientId = null,
    string? ReceivedOn = null,
    string? Reference = null,
    IReadOnlyList<AllocationInput>? Allocations = null)
{
    /// <summary>The typed command, or the fields that cannot be read.</summary>
    public Outcome<TakePaymentCommand> ToCommand()
    {
        var refusals = new List<Refusal>();
        var method = ParseMethod(Method);
        if (method is null)
        {
            refusals.Add(Refusal.Invalid("method", "Method is card, cash, check or other."));
        }

        var receivedOn = ReceivedOn is null ? null : LocalDatePattern.Iso.Parse(ReceivedOn);
        if (receivedOn is { Success: false })
        {
            refusals.Add(Refusal.Invalid("receivedOn", TakePayment.ReceivedOnMessage));
        }
        else if (receivedOn is { Success: true } && SupportedDates.Check(receivedOn.Value, "receivedOn") is { } outside)
        {
            refusals.Add(outside);
        }

        return refusals.Count > 0
            ? Outcome.From(refusals)
            : new TakePaymentCommand(ClientId, InvoiceId, Amount ?? 0, method!.Value, receivedOn?.Value, Reference,
                Allocations?.Select(a => new InvoiceAmount(a.InvoiceId, a.Amount)).ToList());
    }

    private static PaymentMethod? ParseMethod(string? method) => method?.ToLowerInvariant() switch
    {
        "card" => PaymentMethod.Card,
        "cash" => PaymentMethod.Cash,
        "check" => PaymentMethod.Check,
        "other" => PaymentMethod.Other,
        _ => null,
    };
}

public sealed record AllocationDto(string InvoiceId, decimal Amount);

public sealed record PaymentDto(string Id, string ClientId, decimal Amount, string Method, string ReceivedOn, string? Reference,
    decimal Unapplied, IReadOnlyList<AllocationDto> Allocations)
{
    public static PaymentDto From(PaymentView p) => new(p.Id, p.ClientId, p.Amount, p.Method.ToString().ToLowerInvariant(),
        Wire.Date(p.ReceivedOn), p.Reference, p.Unapplied, [.. p.Allocations.Select(a => new AllocationDto(a.InvoiceId, a.Amount))]);
}

public sealed record RefundInput(decimal? Amount, string? Reference);

public sealed record VoidInput(string? Reason);

/// <summary>The session a ledger line is for: its start (with the practice's offset), day, and group, or <c>kind: "individual"</c>.</summary>
public sealed record LedgerSessionDto(string AppointmentId, string Start, string LocalDate, string LocalTime, string Kind, string? GroupId, string? GroupName);

public sealed record LedgerDto(string ClientId, decimal Owed, decimal Credit, decimal Balance, IReadOnlyList<InvoiceDto> Invoices, IReadOnlyList<PaymentDto> Payments)
{
    public static LedgerDto From(LedgerView l, DateTimeZone zone) =>
        new(l.ClientId, l.Owed, l.Credit, l.Balance,
            [.. l.Invoices.Select(i => InvoiceDto.From(i) with { Session = l.SessionOf(i) is { } s ? SessionDto(s, zone) : null })],
            [.. l.Payments.Select(PaymentDto.From)]);

    private static LedgerSessionDto SessionDto(LedgerSession s, DateTimeZone zone) => new(
        s.AppointmentId, Wire.Time(s.StartsAt, zone), Wire.Date(s.Start.Date), LocalTimePattern.CreateWithInvariantCulture("HH:mm").Format(s.Start.TimeOfDay),
        s.GroupId is null ? "individual" : "group", s.GroupId, s.GroupName);
}

public sealed record AgeingDto(decimal Current, decimal Days31To60, decimal Days61To90, decimal Over90, decimal Total)
{
    public static AgeingDto From(Ageing a) => new(a.Current, a.Days31To60, a.Days61To90, a.Over90, a.Total);
}

public sealed record OwedByDto(string Id, string Name, AgeingDto Ageing);

/// <summary>What clients and payers owe, by age: the billing overview as the API writes it.</summary>
public sealed record OutstandingDto(IReadOnlyList<OwedByDto> Clients, IReadOnlyList<OwedByDto> Payers, AgeingDto ClientTotal, AgeingDto PayerTotal)
{
    public static OutstandingDto From(Outstanding o) => new(
        [.. o.Clients.Select(Owed)], [.. o.Payers.Select(Owed)], AgeingDto.From(o.ClientTotal), AgeingDto.From(o.PayerTotal));

    private static OwedByDto Owed(OwedBy o) => new(o.Id, o.Name, AgeingDto.From(o.Ageing));
}
