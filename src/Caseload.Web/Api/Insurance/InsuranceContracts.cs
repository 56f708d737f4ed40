using Caseload.Domain;
using Caseload.Domain.Insurance;
using Caseload.Web.Features.Billing.Insurance;

namespace Caseload.Web.Api.Insurance;

public sealed record ClinicianBillingInput(string? Npi, string? Taxonomy);

public sealed record ClinicianBillingDto(string Id, string DisplayName, string Credentials, string Color, string? Npi, string? Taxonomy)
{
    public static ClinicianBillingDto From(Domain.Staff.Clinician c) => new(c.Id, c.DisplayName, c.Credentials, c.Color, c.Npi, c.Taxonomy);
}

public sealed record ClaimProblemDto(string Field, string Message);

public sealed record ClaimLineDto(string ServiceCode, string? Modifier, string Date, decimal Charge, int Units);

/// <summary>
/// The claim as the pinned API writes it: an open claim is <c>ready</c> whether or not it is complete (the pinned
/// statuses), with <c>complete</c> and <c>problems</c> saying what a payer would reject it for until it is fixed.
/// </summary>
public sealed record ClaimDto(
    string Id,
    string Number,
    string InvoiceId,
    string ClientId,
    string ClientName,
    string ClinicianId,
    string Payer,
    string? PayerId,
    string MemberId,
    string Status,
    bool Complete,
    string ServiceDate,
    string PlaceOfService,
    decimal Total,
    decimal Paid,
    decimal PatientResponsibility,
    decimal Adjusted,
    decimal PayerBalance,
    string? BatchId,
    IReadOnlyList<string> DiagnosisCodes,
    IReadOnlyList<ClaimProblemDto> Problems,
    IReadOnlyList<ClaimLineDto> Lines)
{
    public static ClaimDto From(ClaimView c) => new(
        c.Id, c.Number, c.InvoiceId, c.ClientId, c.ClientName, c.ClinicianId, c.Payer, c.PayerId, c.MemberId,
        c.Status == ClaimStatuses.Incomplete ? ClaimStatuses.Ready : c.Status, c.Problems.Count == 0, Wire.Date(c.ServiceDate),
        c.PlaceOfService, c.Total, c.Paid, c.PatientResponsibility, c.Adjusted, c.PayerBalance, c.BatchNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        c.DiagnosisCodes, [.. c.Problems.Select(p => new ClaimProblemDto(p.Field, p.Message))],
        [.. c.Lines.Select(l => new ClaimLineDto(l.ServiceCode, l.Modifier, Wire.Date(l.Date), l.Charge, l.Units))]);
}

public sealed record BatchInput(IReadOnlyList<string>? ClaimIds);

public sealed record BatchDto(string Id, IReadOnlyList<string> ClaimIds, string File);

public sealed record AdjustmentDto(string Group, string Reason, decimal Amount)
{
    public static AdjustmentDto From(Adjustment a) => new(a.Group, a.Reason, a.Amount);
}

public sealed record AppliedClaimDto(string ClaimId, string ClaimNumber, decimal Paid, decimal PatientResponsibility, IReadOnlyList<AdjustmentDto> Adjustments);

public sealed record UnmatchedClaimDto(string ClaimRef, string Reason);

/// <summary>The pinned answer to an 835: what was applied and what was kept for review; <c>alreadyApplied</c> when the file was seen before.</summary>
public sealed record RemittanceDto(string RemittanceId, bool AlreadyApplied, IReadOnlyList<AppliedClaimDto> Applied, IReadOnlyList<UnmatchedClaimDto> Unmatched)
{
    public static RemittanceDto From(RemittanceResult r) => new(r.RemittanceId, r.AlreadyApplied,
        [.. r.Applied.Select(a => new AppliedClaimDto(a.ClaimId, a.ClaimNumber, a.Paid, a.PatientResponsibility, [.. a.Adjustments.Select(AdjustmentDto.From)]))],
        [.. r.Unmatched.Select(u => new UnmatchedClaimDto(u.ClaimRef, u.Reason))]);
}

public sealed record UnmatchedRemittanceDto(
    string Id, string RemittanceId, string Payer, string? TraceNumber, string ClaimRef, string StatusCode, decimal Charge, decimal Paid,
    decimal PatientResponsibility, string? PayerClaimNumber, string Reason)
{
    public static UnmatchedRemittanceDto From(UnmatchedRemittanceView u) => new(u.Id, u.RemittanceId, u.Payer, u.TraceNumber, u.ClaimRef, u.StatusCode,
        u.Charge, u.Paid, u.PatientResponsibility, u.PayerClaimNumber, u.Reason);
}

public sealed record ClaimPaymentInput(string? ClaimId, decimal? Paid, IReadOnlyList<AdjustmentDto>? Adjustments, bool? Denied, bool? Final);

/// <summary>A payer's payment entered by hand: <c>{payer, amount, method: "check"|"eft"|"other", reference, receivedOn, claims:[…]}</c>.</summary>
public sealed record PayerPaymentInput(string? Payer, decimal? Amount, string? Method, string? Reference, string? ReceivedOn, IReadOnlyList<ClaimPaymentInput>? Claims)
{
    public Outcome<PostPayerPaymentCommand> ToCommand()
    {
        var refusals = new List<Refusal>();
        PayerPaymentMethod? method = Method?.ToLowerInvariant() switch
        {
            "check" => PayerPaymentMethod.Check,
            "eft" => PayerPaymentMethod.Eft,
            "other" => PayerPaymentMethod.Other,
            _ => null,
        };
        if (method is null)
        {
            refusals.Add(Refusal.Invalid("method", "Method is check, eft or other."));
        }

        var receivedOn = ReadDate(ReceivedOn, refusals);
        var claims = Claims ?? [];
        if (claims.Any(c => c is null || string.IsNullOrWhiteSpace(c.ClaimId) || c.Paid is null))
        {
            refusals.Add(Refusal.Invalid("claims", "Each claim needs its claimId and the amount paid on it."));
        }

        return refusals.Count > 0
            ? Outcome.From(refusals)
            : new PostPayerPaymentCommand(Payer, Amount ?? 0, method!.Value, Reference, receivedOn,
                [.. claims.Select(c => new ClaimPaymentEntry(c.ClaimId!, c.Paid!.Value,
                    [.. (c.Adjustments ?? []).Select(a => new Adjustment((a.Group ?? "").ToUpperInvariant(), a.Reason ?? "", a.Amount))],
                    c.Denied ?? false, c.Final ?? false))]);
    }

    internal static NodaTime.LocalDate? ReadDate(string? text, List<Refusal> refusals)
    {
        if (text is null)
        {
            return null;
        }

        var (date, refusal) = Wire.ParseDate(text, "receivedOn");
        if (refusal is not null)
        {
            refusals.Add(refusal);
        }

        return date;
    }
}

public sealed record ClaimTakebackInput(string? ClaimId, decimal? Amount);

/// <summary>A payer takes money back from claims: <c>{payer?, reference, receivedOn?, claims:[{claimId, amount}]}</c>.</summary>
public sealed record TakebackInput(string? Payer, string? Reference, string? ReceivedOn, IReadOnlyList<ClaimTakebackInput>? Claims)
{
    public Outcome<TakeBackPayerPaymentCommand> ToCommand()
    {
        var refusals = new List<Refusal>();
        var receivedOn = PayerPaymentInput.ReadDate(ReceivedOn, refusals);
        var claims = Claims ?? [];
        if (claims.Any(c => c is null || string.IsNullOrWhiteSpace(c.ClaimId) || c.Amount is null))
        {
            refusals.Add(Refusal.Invalid("claims", "Each claim needs its claimId and the amount taken back."));
        }

        return refusals.Count > 0
            ? Outcome.From(refusals)
            : new TakeBackPayerPaymentCommand(Payer, Reference, receivedOn, [.. claims.Select(c => new ClaimTakeback(c.ClaimId!, c.Amount!.Value))]);
    }
}

public sealed record PayerPaymentLineDto(string ClaimId, decimal Paid, decimal PatientResponsibility, IReadOnlyList<AdjustmentDto> Adjustments);

public sealed record PayerPaymentDto(string Id, string Payer, decimal Amount, string Method, string? Reference, string ReceivedOn, string? RemittanceId,
    IReadOnlyList<PayerPaymentLineDto> Claims)
{
    public static PayerPaymentDto From(PayerPaymentView p) => new(p.Id, p.Payer, p.Amount, p.Method.ToString().ToLowerInvariant(), p.Reference,
        Wire.Date(p.ReceivedOn), p.RemittanceId,
        [.. p.Lines.Select(l => new PayerPaymentLineDto(l.ClaimId, l.Paid, l.PatientResponsibility, [.. l.Adjustments.Select(AdjustmentDto.From)]))]);
}

public sealed record ClaimStatusTotalDto(string Status, int Claims, decimal Billed, decimal Paid, decimal PayerBalance);

public sealed record SuperbillLineDto(string Date, string ServiceCode, string Description, string? Modifier, string PlaceOfService, string RenderingProvider,
    string? RenderingNpi, decimal Fee, decimal ClientPaid);

public sealed record SuperbillDto(
    string PracticeName, string? Npi, string? TaxId, string? Taxonomy, string? Address, string PracticePhone,
    string ClientId, string ClientName, string ClientDateOfBirth, string? Payer, string? MemberId, IReadOnlyList<string> DiagnosisCodes,
    string PeriodFrom, string PeriodTo, IReadOnlyList<SuperbillLineDto> Lines, decimal TotalFees, decimal TotalPaid)
{
    public static SuperbillDto From(SuperbillView s) => new(
        s.Practice.Name ?? "", s.Practice.Npi, s.Practice.TaxId, s.Practice.Taxonomy,
        s.Practice.Line1 is null ? null : $"{s.Practice.Line1}, {s.Practice.City}, {s.Practice.State} {s.Practice.Zip}", s.PracticePhone,
        s.ClientId, s.ClientName, Wire.Date(s.ClientDateOfBirth), s.Payer, s.MemberId, s.DiagnosisCodes, Wire.Date(s.From), Wire.Date(s.To),
        [.. s.Lines.Select(l => new SuperbillLineDto(Wire.Date(l.Date), l.ServiceCode, l.Description, l.Modifier, l.PlaceOfService, l.RenderingProvider,
            l.RenderingNpi, l.Fee, l.ClientPaid))],
        s.TotalFees, s.TotalPaid);
}
