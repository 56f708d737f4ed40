using System.Globalization;
using Caseload.Domain.Billing;
using Caseload.Domain.Tests.Infrastructure;

namespace Caseload.Domain.Tests.Billing;

/// <summary>Payments: applied to invoices in the amounts named, the rest kept as the client's credit, refunds bounded.</summary>
public class PaymentTests
{
    private static (Payment? Payment, Outcome Outcome) Receive(Domain.Clients.Client client, decimal amount, params (Invoice, decimal)[] applyTo) =>
        Payment.Receive(client.Id, amount, PaymentMethod.Card, A.Today, "receipt 17", applyTo, Billed.Now);

    [Fact]
    public void Receive_TheWholeBalanceOfAnInvoice_MarksItPaid()
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(client);

        var (payment, outcome) = Receive(client, 60m, (invoice, 60m));

        Assert.True(outcome.Succeeded);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(60m, invoice.ClientPaid);
        Assert.Equal(0m, invoice.ClientBalance);
        Assert.Equal(0m, payment!.Unapplied);
        var allocation = Assert.Single(payment.Allocations);
        Assert.Equal((invoice.Id, 60m), (allocation.InvoiceId, allocation.Amount));
    }

    [Fact]
    public void Receive_PartOfTheBalance_KeepsTheInvoiceOpenWithTheRestOwed()
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(client);

        Receive(client, 25m, (invoice, 25m));

        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(25m, invoice.ClientPaid);
        Assert.Equal(35m, invoice.ClientBalance);
    }

    [Fact]
    public void Receive_ForAnInsuredClient_IsPaidWhenTheCopayIsPaid()
    {
        var client = Billed.Insured(copay: 20m);
        var invoice = Billed.ServiceInvoice(client);

        Receive(client, 20m, (invoice, 20m));

        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(0m, invoice.ClientBalance);
    }

    [Fact]
    public void Receive_SpreadOverSeveralInvoices_AppliesEachAmountToItsInvoice()
    {
        var client = Billed.SelfPay();
        var first = Billed.ServiceInvoice(client, appointmentId: "appointment-1");
        var second = Billed.ServiceInvoice(client, appointmentId: "appointment-2");
        var third = Billed.ServiceInvoice(client, appointmentId: "appointment-3");

        var (payment, outcome) = Receive(client, 100m, (first, 60m), (second, 40m));

        Assert.True(outcome.Succeeded);
        Assert.Equal(InvoiceStatus.Paid, first.Status);
        Assert.Equal(InvoiceStatus.Open, second.Status);
        Assert.Equal(20m, second.ClientBalance);
        Assert.Equal(60m, third.ClientBalance);
        Assert.Equal(new[] { (first.Id, 60m), (second.Id, 40m) }, payment!.Allocations.Select(a => (a.InvoiceId, a.Amount)));
        Assert.Equal(0m, payment.Unapplied);
    }

    [Fact]
    public void Receive_MoreThanIsApplied_LeavesTheRestAsTheClientsCredit()
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(client);

        var (payment, _) = Receive(client, 100m, (invoice, 60m));

        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(60m, payment!.Applied);
        Assert.Equal(40m, payment.Unapplied);
    }

    [Fact]
    public void Receive_AppliedToNothing_IsAllCredit()
    {
        var client = Billed.SelfPay();

        var (payment, outcome) = Receive(client, 80m);

        Assert.True(outcome.Succeeded);
        Assert.Equal(80m, payment!.Unapplied);
        Assert.Empty(payment.Allocations);
        Assert.Equal("receipt 17", payment.Reference);
        Assert.Equal(A.Today, payment.ReceivedOn);
    }

    [Fact]
    public void Receive_ApplyingMoreThanAnInvoicesBalance_IsRefusedAndLeavesTheInvoiceUnpaid()
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(client);

        var (payment, outcome) = Receive(client, 100m, (invoice, 60.01m));

        Assert.Null(payment);
        Assert.Equal("amount", Assert.Single(outcome.Refusals).Field);
        Assert.Equal(0m, invoice.ClientPaid);
    }

    [Fact]
    public void Receive_NamingTheSameInvoiceTwiceBeyondItsBalance_IsRefusedAndNeverOverpaysIt()
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(client);

        var (payment, outcome) = Receive(client, 80m, (invoice, 40m), (invoice, 40m));

        Assert.Null(payment);
        Assert.False(outcome.Succeeded);
        Assert.Equal(0m, invoice.ClientPaid);
    }

    [Fact]
    public void Receive_ApplyingMoreInAllThanThePayment_IsRefused()
    {
        var client = Billed.SelfPay();
        var first = Billed.ServiceInvoice(client, appointmentId: "appointment-1");
        var second = Billed.ServiceInvoice(client, appointmentId: "appointment-2");

        var (payment, outcome) = Receive(client, 100m, (first, 60m), (second, 60m));

        Assert.Null(payment);
        Assert.Contains(outcome.Refusals, r => r.Field == "amount");
        Assert.Equal(0m, first.ClientPaid);
        Assert.Equal(0m, second.ClientPaid);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("10.005")]
    [InlineData("1000000.01")]
    public void Receive_AnAmountNotAboveZeroOrNotInWholeCents_IsRefusedNamingTheAmount(string amount)
    {
        var client = Billed.SelfPay();

        var (payment, outcome) = Receive(client, decimal.Parse(amount, CultureInfo.InvariantCulture));

        Assert.Null(payment);
        Assert.NotEmpty(outcome.Refusals);
        Assert.All(outcome.Refusals, r => Assert.Equal("amount", r.Field));
    }

    [Fact]
    public void Receive_ForAnotherClientsInvoice_IsRefused()
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(Billed.SelfPay());

        var (payment, outcome) = Receive(client, 60m, (invoice, 60m));

        Assert.Null(payment);
        Assert.Equal("invoiceId", Assert.Single(outcome.Refusals).Field);
        Assert.Equal(0m, invoice.ClientPaid);
    }

    [Fact]
    public void Receive_ForAVoidInvoice_IsRefused()
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(client);
        invoice.Void("Booked in error");

        var (payment, outcome) = Receive(client, 60m, (invoice, 60m));

        Assert.Null(payment);
        Assert.Equal("invoiceId", Assert.Single(outcome.Refusals).Field);
    }

    [Fact]
    public void Unapply_ReopensThePaidInvoiceAndReturnsTheAmountToCredit()
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(client);
        var payment = Billed.Paid(client, 60m, (invoice, 60m));

        var outcome = payment.Unapply(invoice, 15m);

        Assert.True(outcome.Succeeded);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(15m, invoice.ClientBalance);
        Assert.Equal(15m, payment.Unapplied);
    }

    [Theory]
    [InlineData("60.01")]
    [InlineData("0")]
    [InlineData("-1")]
    public void Unapply_NothingOrMoreThanWasApplied_IsRefused(string amount)
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(client);
        var payment = Billed.Paid(client, 100m, (invoice, 60m));

        var outcome = payment.Unapply(invoice, decimal.Parse(amount, CultureInfo.InvariantCulture));

        Assert.Equal("amount", Assert.Single(outcome.Refusals).Field);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(40m, payment.Unapplied);
    }

    [Fact]
    public void Unapply_FromAnInvoiceThisPaymentNeverPaid_IsRefused()
    {
        var client = Billed.SelfPay();
        var paid = Billed.ServiceInvoice(client, appointmentId: "appointment-1");
        var other = Billed.ServiceInvoice(client, appointmentId: "appointment-2");
        var payment = Billed.Paid(client, 60m, (paid, 60m));

        var outcome = payment.Unapply(other, 10m);

        Assert.False(outcome.Succeeded);
        Assert.Equal(0m, other.ClientPaid);
    }

    [Fact]
    public void Refund_OfCredit_IsANegativePaymentLinkedToTheOriginalAndAppliedToNothing()
    {
        var client = Billed.SelfPay();
        var payment = Billed.Paid(client, 100m);

        var (refund, outcome) = payment.Refund(30m, " cheque 12 ", [], A.Today, Billed.Now);

        Assert.True(outcome.Succeeded);
        Assert.Equal(-30m, refund!.Amount);
        Assert.True(refund.IsRefund);
        Assert.Equal(payment.Id, refund.RefundOf);
        Assert.Equal(client.Id, refund.ClientId);
        Assert.Equal("cheque 12", refund.Reference);
        Assert.Empty(refund.Allocations);
    }

    [Fact]
    public void Refund_MoreThanTheUnappliedPart_IsRefused()
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(client);
        var payment = Billed.Paid(client, 100m, (invoice, 60m));

        var (refund, outcome) = payment.Refund(40.01m, null, [], A.Today, Billed.Now);

        Assert.Null(refund);
        Assert.Equal("amount", Assert.Single(outcome.Refusals).Field);
    }

    [Fact]
    public void Refund_AllThatIsUnapplied_IsAllowed()
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(client);
        var payment = Billed.Paid(client, 100m, (invoice, 60m));

        var (refund, outcome) = payment.Refund(40m, null, [], A.Today, Billed.Now);

        Assert.True(outcome.Succeeded);
        Assert.Equal(-40m, refund!.Amount);
    }

    [Fact]
    public void Refund_AfterEarlierRefunds_GivesBackOnlyWhatIsLeft()
    {
        var client = Billed.SelfPay();
        var payment = Billed.Paid(client, 100m);
        var (first, _) = payment.Refund(70m, null, [], A.Today, Billed.Now);

        var (tooMuch, refused) = payment.Refund(30.01m, null, [first!], A.Today, Billed.Now);
        var (rest, allowed) = payment.Refund(30m, null, [first!], A.Today, Billed.Now);

        Assert.Null(tooMuch);
        Assert.Equal("amount", Assert.Single(refused.Refusals).Field);
        Assert.True(allowed.Succeeded);
        Assert.Equal(-30m, rest!.Amount);
    }

    [Fact]
    public void Refund_OfARefund_IsRefused()
    {
        var client = Billed.SelfPay();
        var payment = Billed.Paid(client, 100m);
        var (refund, _) = payment.Refund(50m, null, [], A.Today, Billed.Now);

        var (again, outcome) = refund!.Refund(10m, null, [], A.Today, Billed.Now);

        Assert.Null(again);
        Assert.Equal("not-refundable", Assert.Single(outcome.Refusals).Code);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-10")]
    [InlineData("10.005")]
    public void Refund_NotAboveZeroOrNotInWholeCents_IsRefusedNamingTheAmount(string amount)
    {
        var payment = Billed.Paid(Billed.SelfPay(), 100m);

        var (refund, outcome) = payment.Refund(decimal.Parse(amount, CultureInfo.InvariantCulture), null, [], A.Today, Billed.Now);

        Assert.Null(refund);
        Assert.Equal("amount", Assert.Single(outcome.Refusals).Field);
    }
}
