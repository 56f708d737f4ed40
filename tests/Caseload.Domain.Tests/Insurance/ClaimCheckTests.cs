using Caseload.Domain.Billing;
using Caseload.Domain.Insurance;
using Caseload.Domain.Tests.Billing;
using Caseload.Domain.Tests.Infrastructure;

namespace Caseload.Domain.Tests.Insurance;

/// <summary>A claim is refused before it is sent for anything a payer would reject it for, naming each field to fix.</summary>
public class ClaimCheckTests
{
    private static IEnumerable<string?> RefusedFields(Claim claim) => ClaimCheck.Check(claim).Refusals.Select(r => r.Field);

    [Fact]
    public void Check_AClaimWithEverythingAPayerNeeds_Passes()
    {
        var outcome = ClaimCheck.Check(Claimed.GroupSessionClaim());

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Refusals.Select(r => $"{r.Field}: {r.Message}")));
    }

    [Fact]
    public void Check_WithoutTheBillingProvidersNpi_IsRefusedOnBillingProviderNpi() =>
        Assert.Equal(["billingProvider.npi"], RefusedFields(Claimed.GroupSessionClaim() with
        {
            BillingProvider = Claimed.Practice with { Npi = "" },
        }));

    [Fact]
    public void Check_WithARenderingNpiThatFailsItsCheckDigit_IsRefusedOnRenderingProviderNpi() =>
        Assert.Equal(["renderingProvider.npi"], RefusedFields(Claimed.GroupSessionClaim() with
        {
            RenderingProvider = Claimed.Morgan with { Npi = "1245319590" },
        }));

    [Fact]
    public void Check_WithoutADiagnosis_IsRefusedOnDiagnosisCodesAndOnEveryLinesPointers()
    {
        var claim = Claimed.GroupSessionClaim() with { DiagnosisCodes = [] };

        Assert.Equal(["diagnosisCodes", "lines[0].diagnosisPointers"], RefusedFields(claim));
    }

    [Fact]
    public void Check_WithADiagnosisInTheWrongFormat_IsRefusedNamingThatCode() =>
        Assert.Equal(["diagnosisCodes[1]"], RefusedFields(Claimed.GroupSessionClaim() with { DiagnosisCodes = ["F33.1", "296.32"] }));

    [Fact]
    public void Check_WithTheSameDiagnosisTwice_IsRefusedOnTheSecond() =>
        Assert.Equal(["diagnosisCodes[1]"], RefusedFields(Claimed.GroupSessionClaim() with { DiagnosisCodes = ["F33.1", "f33.1"] }));

    [Fact]
    public void Check_WithoutAMemberId_IsRefusedOnSubscriberMemberId() =>
        Assert.Equal(["subscriber.memberId"], RefusedFields(Claimed.GroupSessionClaim(subscriber: Claimed.Self(memberId: " "))));

    [Fact]
    public void Check_WithoutTheSubscribersDateOfBirth_IsRefusedOnSubscriberDateOfBirth() =>
        Assert.Equal(["subscriber.dateOfBirth"], RefusedFields(Claimed.GroupSessionClaim(subscriber: Claimed.Self() with { DateOfBirth = null })));

    [Fact]
    public void Check_WhenSomeoneElseHoldsThePolicyButNoPatientIsGiven_IsRefusedOnSubscriberPatient()
    {
        var subscriber = Claimed.CoveredBy(SubscriberRelationship.Spouse, "Amara", "WQ-77") with { Patient = null };

        Assert.Equal(["subscriber.patient"], RefusedFields(Claimed.GroupSessionClaim(subscriber: subscriber)));
    }

    [Fact]
    public void Check_WhenThePatientHasNoDateOfBirth_IsRefusedOnPatientDateOfBirth()
    {
        var covered = Claimed.CoveredBy(SubscriberRelationship.Child, "Amara", "WQ-77");

        Assert.Equal(["patient.dateOfBirth"], RefusedFields(Claimed.GroupSessionClaim(subscriber: covered with
        {
            Patient = covered.Patient! with { DateOfBirth = null },
        })));
    }

    [Fact]
    public void Check_WithoutThePayerId_IsRefusedOnPayerPayerId() =>
        Assert.Equal(["payer.payerId"], RefusedFields(Claimed.GroupSessionClaim() with { Payer = Claimed.BlueHarbor with { PayerId = "" } }));

    [Fact]
    public void Check_WithAPracticeMissingItsTaxIdTaxonomyAndAddress_NamesEachOfThem()
    {
        var claim = Claimed.GroupSessionClaim() with
        {
            BillingProvider = Claimed.Practice with { TaxId = "12-345", Taxonomy = "counselor", Address = new PostalAddress("", "Albany", "New York", "122") },
        };

        Assert.Equal(
            ["billingProvider.taxId", "billingProvider.taxonomy", "billingProvider.address.line1", "billingProvider.address.state", "billingProvider.address.zip"],
            RefusedFields(claim));
    }

    [Fact]
    public void Check_WithALinePointingPastTheDiagnoses_IsRefusedOnThatLinesPointers()
    {
        var claim = Claimed.GroupSessionClaim();
        claim = claim with { Lines = [claim.Lines[0] with { DiagnosisPointers = [1, 3] }] };

        Assert.Equal(["lines[0].diagnosisPointers"], RefusedFields(claim));
    }

    [Fact]
    public void Check_WithAClaimIdLongerThanPayersReturn_IsRefusedOnClaimId() =>
        Assert.Equal(["claimId"], RefusedFields(Claimed.GroupSessionClaim(claimId: new string('C', 21))));

    [Fact]
    public void Check_WithANameHoldingAClaimFileSeparator_IsRefusedOnThatName() =>
        Assert.Equal(["subscriber.name.last"], RefusedFields(Claimed.GroupSessionClaim(subscriber: Claimed.Self(last: "Love*lace"))));

    [Fact]
    public void Check_AClaimForAMissedSessionCharge_IsRefused_Rule7()
    {
        var client = Billed.Insured(copay: 20m);
        var missed = Invoice.ForMissedSession(Billed.GroupSession(client), 25m, A.Today);

        var outcome = ClaimCheck.Check(Claim.ForInvoice("C0009", missed, Claimed.Practice, Claimed.Self(), Claimed.BlueHarbor, ["F33.1"], Claimed.Morgan));

        Assert.Contains(outcome.Refusals, r => r.Field == "invoice.kind"
            && r.Message == "A missed-session charge is billed to the client alone, never on a claim (rule 7).");
    }

    [Fact]
    public void ForInvoice_OfATelehealthSession_BillsPlace02WithModifier95()
    {
        var claim = Claimed.GroupSessionClaim(telehealth: true);

        Assert.Equal("02", claim.PlaceOfService);
        var line = Assert.Single(claim.Lines);
        Assert.Equal("95", line.Modifier);
        Assert.Equal("90853", line.ServiceCode);
    }

    [Fact]
    public void ForInvoice_OfAnInsuredSession_ChargesTheWholeFeeOnTheSessionDatePointingAtEachDiagnosis()
    {
        var claim = Claimed.GroupSessionClaim();

        Assert.Equal("11", claim.PlaceOfService);
        var line = Assert.Single(claim.Lines);
        Assert.Null(line.Modifier);
        Assert.Equal(60.00m, line.Charge);
        Assert.Equal(60.00m, claim.TotalCharge);
        Assert.Equal(A.Today, line.Date);
        Assert.Equal([1, 2], line.DiagnosisPointers);
    }
}
