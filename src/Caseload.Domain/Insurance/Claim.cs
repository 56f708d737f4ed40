using Caseload.Domain.Billing;
using NodaTime;

namespace Caseload.Domain.Insurance;

/// <summary>Who holds the policy, as seen from the client: the client themself or someone whose plan covers them.</summary>
public enum SubscriberRelationship
{
    Self,
    Spouse,
    Child,
    Other,
}

public sealed record PersonName(string Last, string First);

public sealed record PostalAddress(string Line1, string City, string State, string Zip);

/// <summary>The practice as the payer pays it: the name, NPI and tax id the money goes to.</summary>
public sealed record BillingProvider(string Name, string Npi, string TaxId, string Taxonomy, PostalAddress Address);

/// <summary>The clinician who saw the client.</summary>
public sealed record RenderingProvider(PersonName Name, string Npi, string Taxonomy);

/// <summary>The client, when someone else holds the policy.</summary>
public sealed record Patient(PersonName Name, LocalDate? DateOfBirth, PostalAddress? Address);

/// <summary>The policy holder. <see cref="Patient"/> is the client when <see cref="Relationship"/> is not self, else null.</summary>
public sealed record Subscriber(
    SubscriberRelationship Relationship, PersonName Name, LocalDate? DateOfBirth, string MemberId, PostalAddress? Address, Patient? Patient);

public sealed record Payer(string Name, string PayerId);

/// <summary>One billed service.</summary>
/// <param name="DiagnosisPointers">Positions (from 1) in the claim's diagnosis codes that this service treats, the first the main one.</param>
public sealed record ServiceLine(string ServiceCode, string? Modifier, decimal Charge, int Units, LocalDate Date, IReadOnlyList<int> DiagnosisPointers);

/// <summary>
/// A claim for one insured service invoice, as a payer reads it: who bills, who is covered, who pays,
/// why (the diagnoses, the first primary) and what was done (the lines). Checked by <see cref="ClaimCheck"/>.
/// </summary>
/// <param name="ClaimId">The patient control number: the payer returns it on the remittance (CLP01), which is how a payment finds its claim.</param>
/// <param name="InvoiceKind">The kind of invoice the claim bills; only a service invoice may be claimed (rule 7).</param>
/// <param name="PlaceOfService">CMS code: 11 office, 02 telehealth outside the client's home, 10 telehealth in the client's home.</param>
public sealed record Claim(
    string ClaimId,
    InvoiceKind InvoiceKind,
    BillingProvider BillingProvider,
    Subscriber Subscriber,
    Payer Payer,
    string PlaceOfService,
    IReadOnlyList<string> DiagnosisCodes,
    RenderingProvider RenderingProvider,
    IReadOnlyList<ServiceLine> Lines)
{
    /// <summary>Modifier 95: a synchronous telehealth service by real-time audio and video.</summary>
    public const string TelehealthModifier = "95";

    public const string TelehealthAtHomePlace = "10";

    /// <summary>The claim's total is its lines' charges, so the two can never disagree.</summary>
    public decimal TotalCharge => Lines.Sum(l => l.Charge);

    public bool Telehealth => PlaceOfService is Invoice.TelehealthPlace or TelehealthAtHomePlace;

    /// <summary>
    /// The claim for an invoice: a line per invoice line at its fee, on the session's date, with modifier 95
    /// when the session was telehealth, each pointing at the diagnoses in their order (at most four, as a line holds).
    /// </summary>
    public static Claim ForInvoice(
        string claimId, Invoice invoice, BillingProvider billingProvider, Subscriber subscriber, Payer payer,
        IReadOnlyList<string> diagnosisCodes, RenderingProvider renderingProvider)
    {
        var telehealth = invoice.PlaceOfService is Invoice.TelehealthPlace or TelehealthAtHomePlace;
        int[] pointers = [.. Enumerable.Range(1, Math.Min(diagnosisCodes.Count, ClaimCheck.PointersPerLine))];
        var lines = invoice.Lines
            .Select(l => new ServiceLine(l.ServiceCode ?? "", telehealth ? TelehealthModifier : null, l.Fee, 1, invoice.ServiceDate, pointers))
            .ToList();
        return new Claim(claimId, invoice.Kind, billingProvider, subscriber, payer, invoice.PlaceOfService, diagnosisCodes, renderingProvider, lines);
    }
}
