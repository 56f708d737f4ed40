using NodaTime;

namespace Caseload.Domain.Insurance;

/// <summary>What the payer did with a claim (CLP02).</summary>
public enum ClaimPaymentStatus
{
    /// <summary>Processed as primary, secondary or tertiary (1, 2, 3, 19, 20, 21): paid, possibly nothing, with adjustments saying why.</summary>
    Paid,

    /// <summary>4: denied; the adjustments say why.</summary>
    Denied,

    /// <summary>22: an earlier payment taken back.</summary>
    Reversed,

    /// <summary>Any other code (23, not our claim; 25, predetermination): kept for review, never applied.</summary>
    Other,
}

/// <summary>
/// One CAS adjustment: why the payer paid less than was charged. The group says who bears it: CO the practice
/// (contractual, written off), PR the client (deductible, coinsurance, copay), OA and PI other and payer-initiated.
/// </summary>
/// <param name="Reason">The claim adjustment reason code: 1 deductible, 2 coinsurance, 3 copay, 45 above the fee schedule…</param>
public sealed record Adjustment(string Group, string Reason, decimal Amount);

/// <summary>A service line of a claim payment (SVC) with its own adjustments.</summary>
public sealed record ServicePayment(
    string ServiceCode, string? Modifier, decimal Charge, decimal Paid, decimal Units, LocalDate? Date, IReadOnlyList<Adjustment> Adjustments);

/// <summary>What the payer did with one claim (CLP).</summary>
/// <param name="ClaimId">Our claim id as sent in CLM01 and returned in CLP01: how the payment finds its claim.</param>
/// <param name="StatusCode">CLP02 as sent, for the record.</param>
/// <param name="PayerClaimNumber">The payer's own number for the claim (CLP07), quoted when calling them.</param>
public sealed record ClaimPayment(
    string ClaimId,
    string StatusCode,
    decimal Charge,
    decimal Paid,
    decimal PatientResponsibility,
    string? PayerClaimNumber,
    IReadOnlyList<Adjustment> Adjustments,
    IReadOnlyList<ServicePayment> Services)
{
    public ClaimPaymentStatus Status => StatusCode switch
    {
        "1" or "2" or "3" or "19" or "20" or "21" => ClaimPaymentStatus.Paid,
        "4" => ClaimPaymentStatus.Denied,
        "22" => ClaimPaymentStatus.Reversed,
        _ => ClaimPaymentStatus.Other,
    };

    /// <summary>The claim's adjustments and its lines', together: the whole of why paid differs from charged.</summary>
    public IEnumerable<Adjustment> AllAdjustments => Adjustments.Concat(Services.SelectMany(s => s.Adjustments));
}

/// <summary>One payment from a payer (one 835 transaction set): the money, how it came, and the claims it pays.</summary>
/// <param name="TraceNumber">The cheque or EFT number (TRN02), which with the payer identifies the payment.</param>
public sealed record Remittance(
    decimal PaymentAmount, string TraceNumber, string PayerName, LocalDate? PaymentDate, IReadOnlyList<ClaimPayment> Claims);
