using Caseload.Domain.Insurance;
using NodaTime;

namespace Caseload.Domain.Tests.Insurance;

/// <summary>An 835 read into the payment, the payer and each claim's payment with its adjustments, to the cent.</summary>
public class Era835ReaderTests
{
    private static Remittance Read(string text)
    {
        var read = Era835Reader.Read(text);
        Assert.True(read.Succeeded, read.First?.Message);
        return Assert.Single(read.Value);
    }

    private static ClaimPayment Claim(string claimId) => Read(Remitted.FourClaims).Claims.Single(c => c.ClaimId == claimId);

    [Fact]
    public void Read_KeepsThePaymentItsTraceNumberDateAndPayer()
    {
        var remittance = Read(Remitted.FourClaims);

        Assert.Equal(210.00m, remittance.PaymentAmount);
        Assert.Equal("EFT20261215001", remittance.TraceNumber);
        Assert.Equal(new LocalDate(2026, 12, 15), remittance.PaymentDate);
        Assert.Equal("Blue Harbor Health", remittance.PayerName);
        Assert.Equal(["C0001", "C0002", "C0003", "C9999"], remittance.Claims.Select(c => c.ClaimId));
        Assert.Equal(remittance.PaymentAmount, remittance.Claims.Sum(c => c.Paid));
    }

    [Fact]
    public void Read_APaidClaim_KeepsItsAmountsAndTheLinesCopayAndCoinsuranceFromOneCas()
    {
        var claim = Claim("C0001");

        Assert.Equal(ClaimPaymentStatus.Paid, claim.Status);
        Assert.Equal((60.00m, 40.00m, 20.00m), (claim.Charge, claim.Paid, claim.PatientResponsibility));
        Assert.Equal("BH2026A1", claim.PayerClaimNumber);
        Assert.Empty(claim.Adjustments);
        var service = Assert.Single(claim.Services);
        Assert.Equal(("90853", "95", 60.00m, 40.00m, 1m), (service.ServiceCode, service.Modifier, service.Charge, service.Paid, service.Units));
        Assert.Equal(new LocalDate(2026, 12, 1), service.Date);
        Assert.Equal([new Adjustment("PR", "3", 15.00m), new Adjustment("PR", "2", 5.00m)], service.Adjustments);
    }

    [Fact]
    public void Read_APartlyPaidClaim_KeepsTheDeductibleOnTheClaimAndTheContractualAdjustmentOnItsLine()
    {
        var claim = Claim("C0002");

        Assert.Equal(ClaimPaymentStatus.Paid, claim.Status);
        Assert.Equal((170.00m, 90.00m, 50.00m), (claim.Charge, claim.Paid, claim.PatientResponsibility));
        Assert.Equal([new Adjustment("PR", "1", 50.00m)], claim.Adjustments);
        var service = Assert.Single(claim.Services);
        Assert.Null(service.Modifier);
        Assert.Equal([new Adjustment("CO", "45", 30.00m)], service.Adjustments);
        Assert.Equal(claim.Charge - claim.Paid, claim.AllAdjustments.Sum(a => a.Amount));
        Assert.Equal(claim.PatientResponsibility, claim.AllAdjustments.Where(a => a.Group == "PR").Sum(a => a.Amount));
    }

    [Fact]
    public void Read_ADeniedClaim_IsDeniedWithNothingPaidAndItsReason()
    {
        var claim = Claim("C0003");

        Assert.Equal(ClaimPaymentStatus.Denied, claim.Status);
        Assert.Equal((60.00m, 0m, 0m), (claim.Charge, claim.Paid, claim.PatientResponsibility));
        Assert.Equal([new Adjustment("CO", "50", 60.00m)], claim.Adjustments);
        Assert.Empty(claim.Services);
    }

    [Fact]
    public void Read_AClaimIdMatchingNoClaimOfOurs_IsKeptWithItsAmountsForReview()
    {
        string[] ours = ["C0001", "C0002", "C0003"];
        var claim = Claim("C9999");

        Assert.DoesNotContain(claim.ClaimId, ours);
        Assert.Equal((100.00m, 80.00m, 0m), (claim.Charge, claim.Paid, claim.PatientResponsibility));
        var service = Assert.Single(claim.Services);
        Assert.Equal(("90834", new LocalDate(2026, 11, 30)), (service.ServiceCode, service.Date));
        Assert.Equal([new Adjustment("CO", "45", 20.00m)], service.Adjustments);
    }

    [Theory]
    [InlineData("1", ClaimPaymentStatus.Paid)]
    [InlineData("2", ClaimPaymentStatus.Paid)]
    [InlineData("3", ClaimPaymentStatus.Paid)]
    [InlineData("4", ClaimPaymentStatus.Denied)]
    [InlineData("22", ClaimPaymentStatus.Reversed)]
    [InlineData("23", ClaimPaymentStatus.Other)]
    public void Status_FollowsClp02(string code, ClaimPaymentStatus expected) =>
        Assert.Equal(expected, new ClaimPayment("C0001", code, 60m, 0m, 0m, null, [], []).Status);

    [Fact]
    public void Read_AReversal_KeepsItsNegativeAmounts()
    {
        var reversal = Remitted.FourClaims.Replace("CLP*C0001*1*60*40*20*", "CLP*C0001*22*-60*-40*-20*", StringComparison.Ordinal);

        var claim = Read(reversal).Claims[0];

        Assert.Equal(ClaimPaymentStatus.Reversed, claim.Status);
        Assert.Equal((-60.00m, -40.00m, -20.00m), (claim.Charge, claim.Paid, claim.PatientResponsibility));
    }

    [Fact]
    public void Read_AClpWhoseAmountIsNotANumber_IsRefusedWhole()
    {
        var read = Era835Reader.Read(Remitted.FourClaims.Replace("CLP*C0002*1*170*90*", "CLP*C0002*1*170*ninety*", StringComparison.Ordinal));

        Assert.Equal(RefusalCodes.MalformedRequest, read.First?.Code);
        Assert.Contains("CLP", read.First?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AClpWithoutAClaimId_IsRefusedWhole() =>
        Assert.StartsWith("A CLP segment has no claim id", Era835Reader.Read(Remitted.FourClaims.Replace("CLP*C0003*", "CLP**", StringComparison.Ordinal)).First?.Message,
            StringComparison.Ordinal);

    [Fact]
    public void Read_WithoutATraceNumber_IsRefusedWhole() =>
        Assert.Equal("An 835 names its payment (BPR), its trace number (TRN) and its payer (N1*PR).",
            Era835Reader.Read(Remitted.FourClaims.Replace("TRN*1*EFT20261215001*", "TRN*1**", StringComparison.Ordinal)).First?.Message);

    [Fact]
    public void Read_AClaimFileInsteadOfARemittance_IsRefused()
    {
        var claims = Claim837PWriter.Write(Claimed.Batch(Claimed.GroupSessionClaim())).Value;

        Assert.Equal("Expected an 835 remittance, found a 837 transaction set.", Era835Reader.Read(claims).First?.Message);
    }
}
