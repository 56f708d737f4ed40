using NodaTime;

namespace Caseload.Domain.Insurance;

/// <summary>
/// An 835 file as received. Its hash is kept so the same file applied again changes nothing; what of it matched
/// no claim is kept beside it for a biller to review.
/// </summary>
public sealed class RemittanceFile
{
    private readonly List<UnmatchedRemittance> _unmatched = [];

    private RemittanceFile()
    {
    }

    public RemittanceFile(string hash, string receivedBy, Instant now)
    {
        Id = Guid.CreateVersion7().ToString("N");
        Hash = hash;
        ReceivedBy = receivedBy;
        ReceivedAt = now;
    }

    public string Id { get; private set; } = "";

    /// <summary>SHA-256 of the file's text, hex.</summary>
    public string Hash { get; private set; } = "";

    public string ReceivedBy { get; private set; } = "";

    public Instant ReceivedAt { get; private set; }

    public IReadOnlyList<UnmatchedRemittance> Unmatched => _unmatched;

    public UnmatchedRemittance KeepUnmatched(string payer, string? traceNumber, ClaimPayment payment, string reason)
    {
        var item = new UnmatchedRemittance(Id, payer, traceNumber, payment, reason);
        _unmatched.Add(item);
        return item;
    }
}

/// <summary>A claim payment of a remittance that was not applied: no claim has its number, or it is not for the practice to post as is.</summary>
public sealed class UnmatchedRemittance
{
    private UnmatchedRemittance()
    {
    }

    internal UnmatchedRemittance(string remittanceId, string payer, string? traceNumber, ClaimPayment payment, string reason)
    {
        Id = Guid.CreateVersion7().ToString("N");
        RemittanceId = remittanceId;
        Payer = payer;
        TraceNumber = traceNumber;
        ClaimRef = payment.ClaimId;
        StatusCode = payment.StatusCode;
        Charge = payment.Charge;
        Paid = payment.Paid;
        PatientResponsibility = payment.PatientResponsibility;
        PayerClaimNumber = payment.PayerClaimNumber;
        Reason = reason;
    }

    public string Id { get; private set; } = "";

    public string RemittanceId { get; private set; } = "";

    public string Payer { get; private set; } = "";

    public string? TraceNumber { get; private set; }

    /// <summary>CLP01 as the payer returned it.</summary>
    public string ClaimRef { get; private set; } = "";

    public string StatusCode { get; private set; } = "";

    public decimal Charge { get; private set; }

    public decimal Paid { get; private set; }

    public decimal PatientResponsibility { get; private set; }

    public string? PayerClaimNumber { get; private set; }

    public string Reason { get; private set; } = "";
}
