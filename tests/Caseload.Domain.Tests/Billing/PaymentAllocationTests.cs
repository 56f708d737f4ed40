using Caseload.Domain.Billing;
using Caseload.Domain.Tests.Infrastructure;

namespace Caseload.Domain.Tests.Billing;

/// <summary>Where a payment goes when no amounts are named: the oldest open invoices first, or the one invoice up to its balance; the rest is credit.</summary>
public class PaymentAllocationTests
{
    private static readonly Domain.Clients.Client Client = Billed.SelfPay();

    private static Invoice ServedDaysAgo(int days, string appointmentId) =>
        Billed.ServiceInvoice(Client, appointmentId: appointmentId, serviceDate: A.Today.PlusDays(-days));

    [Fact]
    public void OldestFirst_PaysTheInvoiceServedEarliestBeforeTheLaterOnes()
    {
        var lastWeek = ServedDaysAgo(7, "appointment-1");
        var lastMonth = ServedDaysAgo(30, "appointment-2");
        var yesterday = ServedDaysAgo(1, "appointment-3");

        var applyTo = PaymentAllocation.OldestFirst(100m, [lastWeek, lastMonth, yesterday]);

        Assert.Equal(new[] { (lastMonth, 60m), (lastWeek, 40m) }, applyTo);
    }

    [Fact]
    public void OldestFirst_MoreThanAllInvoicesOwe_PaysThemAllAndLeavesTheRestUnapplied()
    {
        var first = ServedDaysAgo(14, "appointment-1");
        var second = ServedDaysAgo(7, "appointment-2");

        var applyTo = PaymentAllocation.OldestFirst(150m, [first, second]);

        Assert.Equal(new[] { (first, 60m), (second, 60m) }, applyTo);
    }

    [Fact]
    public void OldestFirst_PaysWhatAPartlyPaidInvoiceStillOwes()
    {
        var older = ServedDaysAgo(14, "appointment-1");
        var newer = ServedDaysAgo(7, "appointment-2");
        Billed.Paid(Client, 45m, (older, 45m));

        var applyTo = PaymentAllocation.OldestFirst(30m, [older, newer]);

        Assert.Equal(new[] { (older, 15m), (newer, 15m) }, applyTo);
    }

    [Fact]
    public void OldestFirst_PassesOverPaidAndVoidInvoices()
    {
        var paid = ServedDaysAgo(21, "appointment-1");
        Billed.Paid(Client, 60m, (paid, 60m));
        var voided = ServedDaysAgo(14, "appointment-2");
        Assert.True(voided.Void("Booked in error").Succeeded);
        var open = ServedDaysAgo(7, "appointment-3");

        var applyTo = PaymentAllocation.OldestFirst(60m, [paid, voided, open]);

        Assert.Equal(new[] { (open, 60m) }, applyTo);
    }

    [Fact]
    public void OldestFirst_WithNothingOpen_AppliesNothingSoAllIsCredit()
    {
        var applyTo = PaymentAllocation.OldestFirst(60m, []);

        Assert.Empty(applyTo);
    }

    [Fact]
    public void ToOne_MoreThanTheInvoiceOwes_PaysItsBalanceAndLeavesTheRestAsCredit()
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(client);

        var applyTo = PaymentAllocation.ToOne(invoice, 75m);
        var payment = Billed.Paid(client, 75m, [.. applyTo]);

        Assert.Equal(new[] { (invoice, 60m) }, applyTo);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(15m, payment.Unapplied);
    }

    [Fact]
    public void ToOne_LessThanTheInvoiceOwes_AppliesAllOfIt()
    {
        var invoice = ServedDaysAgo(0, "appointment-1");

        Assert.Equal(new[] { (invoice, 25m) }, PaymentAllocation.ToOne(invoice, 25m));
    }

    [Fact]
    public void ToOne_AnInvoiceThatOwesNothing_IsLeftForReceiveToRefuse()
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(client);
        Assert.True(invoice.Void("Booked in error").Succeeded);

        var (payment, outcome) = Payment.Receive(client.Id, 60m, PaymentMethod.Card, A.Today, null, PaymentAllocation.ToOne(invoice, 60m), Billed.Now);

        Assert.Null(payment);
        Assert.Equal("invoiceId", outcome.First?.Field);
    }
}
