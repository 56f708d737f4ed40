using Caseload.Domain.Billing;
using Caseload.Domain.Tests.Infrastructure;

namespace Caseload.Domain.Tests.Billing;

/// <summary>Rule 7, billing side: the default missed charge and the payments that stop a missed mark or its undoing.</summary>
public class MissedSessionBillingTests
{
    private static Invoice MissedInvoice(Domain.Clients.Client client, decimal charge = 25m) =>
        Invoice.ForMissedSession(Billed.GroupSession(client), charge, A.Today);

    [Fact]
    public void DefaultCharge_OfAClientWithTheirOwnFee_IsTheClientsFee_Rule7()
    {
        Assert.Equal(10m, MissedSessionBilling.DefaultCharge(clientFee: 10m, practiceFee: 40m));
    }

    [Fact]
    public void DefaultCharge_OfAClientWhoseFeeIsZero_IsZero_Rule7()
    {
        Assert.Equal(0m, MissedSessionBilling.DefaultCharge(clientFee: 0m, practiceFee: 40m));
    }

    [Fact]
    public void DefaultCharge_OfAClientWithoutAFee_IsThePracticesFee_Rule7()
    {
        Assert.Equal(40m, MissedSessionBilling.DefaultCharge(clientFee: null, practiceFee: 40m));
    }

    [Fact]
    public void MarkMissed_WhenTheServiceInvoiceHasAPayment_IsRefusedPaymentTaken_Rule7()
    {
        var client = Billed.SelfPay();
        var service = Billed.ServiceInvoice(client);
        Billed.Paid(client, 20m, (service, 20m));

        var refusal = MissedSessionBilling.MayMarkMissed(service);

        Assert.Equal(RefusalCodes.PaymentTaken, refusal?.Code);
        Assert.Equal("A payment was taken for this session: refund it before marking the client missed.", refusal?.Message);
    }

    [Fact]
    public void MarkMissed_WhenTheServiceInvoiceIsUnpaid_IsAllowed_Rule7()
    {
        Assert.Null(MissedSessionBilling.MayMarkMissed(Billed.ServiceInvoice(Billed.SelfPay())));
    }

    [Fact]
    public void MarkMissed_WithoutAServiceInvoice_IsAllowed_Rule7()
    {
        Assert.Null(MissedSessionBilling.MayMarkMissed(null));
    }

    [Fact]
    public void UndoMissed_WhenTheMissedInvoiceHasAPayment_IsRefusedPaymentTaken_Rule7()
    {
        var client = Billed.SelfPay();
        var missed = MissedInvoice(client);
        Billed.Paid(client, 25m, (missed, 25m));

        var refusal = MissedSessionBilling.MayUndoMissed(missed);

        Assert.Equal(RefusalCodes.PaymentTaken, refusal?.Code);
        Assert.Equal("A payment was taken for the missed-session charge: refund it before undoing.", refusal?.Message);
    }

    [Fact]
    public void UndoMissed_WhenTheMissedInvoiceIsUnpaid_IsAllowed_Rule7()
    {
        Assert.Null(MissedSessionBilling.MayUndoMissed(MissedInvoice(Billed.SelfPay())));
    }

    [Fact]
    public void UndoMissed_WithNoChargeMade_IsAllowed_Rule7()
    {
        Assert.Null(MissedSessionBilling.MayUndoMissed(null));
    }
}
