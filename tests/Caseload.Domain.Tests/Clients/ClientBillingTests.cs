using Caseload.Domain.Clients;
using Caseload.Domain.Tests.Infrastructure;

namespace Caseload.Domain.Tests.Clients;

public class ClientBillingTests
{
    [Fact]
    public void Create_RoundsTheCopayToCentsHalfAwayFromZero()
    {
        var (client, _) = Client.Create(A.Morgan, A.ValidDetails() with
        {
            Billing = BillingSettings.Insurance("Blue Harbor Health", "XKJ-1234", 20.005m),
        }, A.Today);

        Assert.Equal(20.01m, client!.Billing.Copay);
    }

    [Fact]
    public void Create_RoundsTheSlidingScaleRateToCents()
    {
        var (client, _) = Client.Create(A.Morgan, A.ValidDetails() with { Billing = BillingSettings.SelfPay(85.555m) }, A.Today);

        Assert.Equal(85.56m, client!.Billing.Rate);
    }

    [Fact]
    public void Create_RoundsTheMissedSessionFeeToCents()
    {
        var (client, _) = Client.Create(A.Morgan, A.ValidDetails() with { MissedSessionFee = 10.125m }, A.Today);

        Assert.Equal(10.13m, client!.MissedSessionFee);
    }

    [Fact]
    public void Create_WithInsurance_TrimsPayerAndMemberId()
    {
        var (client, _) = Client.Create(A.Morgan, A.ValidDetails() with
        {
            Billing = BillingSettings.Insurance("  Blue Harbor Health ", " XKJ-1234 ", 20m),
        }, A.Today);

        Assert.Equal("Blue Harbor Health", client!.Billing.Payer);
        Assert.Equal("XKJ-1234", client.Billing.MemberId);
    }

    [Fact]
    public void Create_WithSelfPay_DropsAnyInsuranceDetailsSent()
    {
        var (client, _) = Client.Create(A.Morgan, A.ValidDetails() with
        {
            Billing = new BillingSettings(BillingMode.SelfPay, 70m, "Blue Harbor Health", "XKJ-1234", 20m),
        }, A.Today);

        Assert.Equal(BillingSettings.SelfPay(70m), client!.Billing);
    }

    [Fact]
    public void ChangeBilling_ToInsurance_ReplacesTheBillingAndKeepsTheRest()
    {
        var client = A.Client().Named("Ada", "Lovelace").Build();

        var outcome = client.ChangeBilling(BillingSettings.Insurance("Blue Harbor Health", "XKJ-1234", 25m), 40m);

        Assert.True(outcome.Succeeded);
        Assert.Equal(BillingSettings.Insurance("Blue Harbor Health", "XKJ-1234", 25m), client.Billing);
        Assert.Equal(40m, client.MissedSessionFee);
        Assert.Equal("Ada Lovelace", client.FullName);
    }

    [Fact]
    public void ChangeBilling_ToInsuranceWithoutAPayer_IsRefusedAndLeavesTheBillingAsItWas()
    {
        var client = A.Client().Build();

        var outcome = client.ChangeBilling(new BillingSettings(BillingMode.Insurance, null, null, "XKJ-1234", 25m), null);

        Assert.Equal("billing.payer", Assert.Single(outcome.Refusals).Field);
        Assert.Equal(BillingSettings.SelfPay(), client.Billing);
    }

    [Fact]
    public void ChangeBilling_WithoutAMissedSessionFee_FallsBackToThePractices()
    {
        var (client, _) = Client.Create(A.Morgan, A.ValidDetails() with { MissedSessionFee = 50m }, A.Today);

        client!.ChangeBilling(BillingSettings.SelfPay(), missedSessionFee: null);

        Assert.Null(client.MissedSessionFee);
    }

    [Fact]
    public void ChangeBilling_RoundsTheCopayToCents()
    {
        var client = A.Client().Build();

        client.ChangeBilling(BillingSettings.Insurance("Blue Harbor Health", "XKJ-1234", 12.345m), null);

        Assert.Equal(12.35m, client.Billing.Copay);
    }
}
