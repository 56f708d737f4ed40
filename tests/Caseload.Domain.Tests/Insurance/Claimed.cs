using Caseload.Domain.Billing;
using Caseload.Domain.Insurance;
using Caseload.Domain.Tests.Billing;
using Caseload.Domain.Tests.Infrastructure;
using NodaTime;

namespace Caseload.Domain.Tests.Insurance;

/// <summary>A practice, its clinician, a payer and insured clients, as the claim tests say them.</summary>
internal static class Claimed
{
    /// <summary>Valid NPIs: their last digit is the Luhn check digit over 80840 and the first nine.</summary>
    public const string PracticeNpi = "1234567893";
    public const string MorganNpi = "1245319599";

    public static readonly BillingProvider Practice = new(
        "Harbor Street Counseling", PracticeNpi, "12-3456789", "251S00000X", new PostalAddress("12 Harbor Street", "Albany", "NY", "12207-1234"));

    public static readonly RenderingProvider Morgan = new(new PersonName("Quinn", "Morgan"), MorganNpi, "101YM0800X");

    public static readonly Payer BlueHarbor = new("Blue Harbor Health", "BHH01");

    public static readonly Submitter Submitter = new("Harbor Street Counseling", "HARBORST", "Sam Biller", "+1 555 010 2040");

    public static readonly Receiver Clearinghouse = new("Claimsway", "CLAIMSWAY");

    public static readonly LocalDateTime BatchedAt = new(2026, 12, 1, 16, 30);

    public static Subscriber Self(string last = "Lovelace", string first = "Ada", string memberId = "XKJ-1234") =>
        new(SubscriberRelationship.Self, new PersonName(last, first), new LocalDate(1985, 4, 12), memberId,
            new PostalAddress("3 Elm Row", "Albany", "NY", "12203"), null);

    /// <summary>The client is covered by <paramref name="relationship"/>'s policy: the subscriber is that person, the client the patient.</summary>
    public static Subscriber CoveredBy(SubscriberRelationship relationship, string patientFirst, string memberId) =>
        new(relationship, new PersonName("Okafor", "Chidi"), new LocalDate(1970, 2, 3), memberId, null,
            new Patient(new PersonName("Okafor", patientFirst), new LocalDate(2009, 6, 30), new PostalAddress("8 Mill Lane", "Troy", "NY", "12180")));

    /// <summary>A 90853 group session billed to Blue Harbor, the client their own subscriber; unless told, diagnosed F33.1 (primary) and F41.1.</summary>
    public static Claim GroupSessionClaim(string claimId = "C0001", Subscriber? subscriber = null, bool telehealth = false, string[]? diagnoses = null) =>
        Claim.ForInvoice(claimId, InsuredInvoice(telehealth), Practice, subscriber ?? Self(), BlueHarbor, diagnoses ?? ["F33.1", "F41.1"], Morgan);

    public static Invoice InsuredInvoice(bool telehealth = false)
    {
        var client = Billed.Insured(copay: 20m);
        return Invoice.ForSession(Billed.GroupSession(client, telehealth: telehealth), client.Billing, A.Today);
    }

    public static ClaimBatch Batch(params Claim[] claims) =>
        new(Submitter, Clearinghouse, new ControlNumbers(Interchange: 42, Group: 7, TransactionSet: 3), "B0042", BatchedAt, Production: true, claims);
}
