using System.Globalization;
using Caseload.Domain.Billing;
using Caseload.Domain.Clients;
using Caseload.Domain.Tests.Infrastructure;

namespace Caseload.Domain.Tests.Billing;

/// <summary>Rule 9 pricing: each invoice is priced from the client's own billing settings and kept as issued.</summary>
public class InvoicePricingTests
{
    private static decimal Dec(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void Invoice_ForASelfPayClient_ChargesThePracticeFeeToTheClient_Rule9()
    {
        var client = Billed.SelfPay();

        var invoice = Invoice.ForSession(Billed.GroupSession(client), client.Billing, A.Today);

        Assert.Equal(60.00m, invoice.Total);
        Assert.Equal(60.00m, invoice.ClientOwes);
        Assert.Equal(0m, invoice.PayerOwes);
        Assert.Null(invoice.Payer);
        Assert.Null(invoice.MemberId);
        var line = Assert.Single(invoice.Lines);
        Assert.Equal("90853", line.ServiceCode);
        Assert.Equal(60.00m, line.Fee);
    }

    [Fact]
    public void Invoice_ForASelfPayClientOnASlidingScale_ChargesTheirRateInsteadOfThePracticeFee_Rule9()
    {
        var client = Billed.SelfPay(rate: 35.00m);

        var invoice = Invoice.ForSession(Billed.GroupSession(client), client.Billing, A.Today);

        Assert.Equal(35.00m, invoice.Total);
        Assert.Equal(35.00m, invoice.ClientOwes);
        Assert.Equal(0m, invoice.PayerOwes);
        Assert.Equal(35.00m, Assert.Single(invoice.Lines).Fee);
    }

    [Fact]
    public void Invoice_ForAnInsuredClient_ClientOwesTheCopayAndThePayerTheRestOfTheFee_Rule9()
    {
        var client = Billed.Insured(copay: 20.00m, payer: "Blue Harbor Health", memberId: "XKJ-1234");

        var invoice = Invoice.ForSession(Billed.GroupSession(client), client.Billing, A.Today);

        Assert.Equal(60.00m, invoice.Total);
        Assert.Equal(20.00m, invoice.ClientOwes);
        Assert.Equal(40.00m, invoice.PayerOwes);
        Assert.Equal("Blue Harbor Health", invoice.Payer);
        Assert.Equal("XKJ-1234", invoice.MemberId);
        var line = Assert.Single(invoice.Lines);
        Assert.Equal(20.00m, line.ClientOwes);
        Assert.Equal(40.00m, line.PayerOwes);
    }

    [Fact]
    public void Invoice_ForAnInsuredClientWithCopayAboveTheFee_ClientOwesTheFeeAndPayerNothing_Rule9()
    {
        var client = Billed.Insured(copay: 75.00m);

        var invoice = Invoice.ForSession(Billed.GroupSession(client, practiceFee: 60.00m), client.Billing, A.Today);

        Assert.Equal(60.00m, invoice.Total);
        Assert.Equal(60.00m, invoice.ClientOwes);
        Assert.Equal(0m, invoice.PayerOwes);
    }

    [Fact]
    public void Invoice_ForAnInsuredClient_IgnoresAnyRateAndPricesFromThePracticeFee_Rule9()
    {
        var invoice = Invoice.ForSession(Billed.GroupSession(Billed.SelfPay()),
            new BillingSettings(BillingMode.Insurance, 10.00m, "Blue Harbor Health", "XKJ-1234", 15.00m), A.Today);

        Assert.Equal(60.00m, invoice.Total);
        Assert.Equal(15.00m, invoice.ClientOwes);
        Assert.Equal(45.00m, invoice.PayerOwes);
    }

    [Fact]
    public void Invoice_ForAClientOwingSomething_IsIssuedOpenForThatClientAndAppointmentOnTheDay_Rule9()
    {
        var client = Billed.SelfPay();

        var invoice = Invoice.ForSession(Billed.GroupSession(client, appointmentId: "appointment-7"), client.Billing, A.Today);

        Assert.Equal(InvoiceKind.Service, invoice.Kind);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(client.Id, invoice.ClientId);
        Assert.Equal("appointment-7", invoice.AppointmentId);
        Assert.Equal(A.Today, invoice.IssuedOn);
        Assert.Equal(A.Today, invoice.ServiceDate);
        Assert.Equal(0m, invoice.ClientPaid);
        Assert.Equal(60.00m, invoice.ClientBalance);
    }

    [Theory]
    [InlineData(false, Invoice.OfficePlace)]
    [InlineData(true, Invoice.TelehealthPlace)]
    public void Invoice_PlaceOfService_IsOfficeOrTelehealthAsTheSessionWas(bool telehealth, string place)
    {
        var client = Billed.Insured(copay: 20m);

        var invoice = Invoice.ForSession(Billed.GroupSession(client, telehealth: telehealth), client.Billing, A.Today);

        Assert.Equal(place, invoice.PlaceOfService);
    }

    [Fact]
    public void Invoice_KeepsThePriceAsIssued_WhenTheClientsBillingChangesLater_Rule9()
    {
        var client = Billed.Insured(copay: 20m);
        var invoice = Invoice.ForSession(Billed.GroupSession(client), client.Billing, A.Today);

        client.ChangeBilling(BillingSettings.SelfPay(rate: 10m), missedSessionFee: null);

        Assert.Equal(20m, invoice.ClientOwes);
        Assert.Equal(40m, invoice.PayerOwes);
        Assert.Equal("Blue Harbor Health", invoice.Payer);
    }

    [Theory]
    [InlineData("85.555", "85.56")]
    [InlineData("85.545", "85.55")]
    [InlineData("85.554", "85.55")]
    [InlineData("0.005", "0.01")]
    public void Invoice_RoundsASlidingScaleRateToCentsHalfAwayFromZero(string rate, string charged)
    {
        var client = Billed.SelfPay();

        var invoice = Invoice.ForSession(Billed.GroupSession(client), BillingSettings.SelfPay(Dec(rate)), A.Today);

        Assert.Equal(Dec(charged), invoice.Total);
        Assert.Equal(Dec(charged), invoice.ClientOwes);
    }

    [Theory]
    [InlineData("60.125", "60.13")]
    [InlineData("60.135", "60.14")]
    [InlineData("60.124", "60.12")]
    public void Invoice_RoundsThePracticeFeeToCentsHalfAwayFromZero(string fee, string charged)
    {
        var client = Billed.SelfPay();

        var invoice = Invoice.ForSession(Billed.GroupSession(client, practiceFee: Dec(fee)), client.Billing, A.Today);

        Assert.Equal(Dec(charged), invoice.Total);
        Assert.Equal(Dec(charged), Assert.Single(invoice.Lines).Fee);
    }

    [Theory]
    [InlineData("20.005", "20.01", "39.99")]
    [InlineData("20.015", "20.02", "39.98")]
    [InlineData("20.004", "20.00", "40.00")]
    public void Invoice_RoundsTheCopayToCentsHalfAwayFromZero_AndThePayerOwesTheExactRest(string copay, string clientOwes, string payerOwes)
    {
        var client = Billed.SelfPay();

        var invoice = Invoice.ForSession(Billed.GroupSession(client),
            new BillingSettings(BillingMode.Insurance, null, "Blue Harbor Health", "XKJ-1234", Dec(copay)), A.Today);

        Assert.Equal(Dec(clientOwes), invoice.ClientOwes);
        Assert.Equal(Dec(payerOwes), invoice.PayerOwes);
        Assert.Equal(60.00m, invoice.ClientOwes + invoice.PayerOwes);
    }

    /// <summary>Rate for self-pay, copay for insurance (null: none), and the practice fee.</summary>
    public static TheoryData<string, decimal?, decimal> Settings() => new()
    {
        { "selfPay", null, 60.125m },
        { "selfPay", 33.335m, 60m },
        { "insurance", 12.345m, 90.005m },
        { "insurance", 120m, 60m },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Invoice_TotalsEqualTheSumOfTheLines_AndTheFeeIsSplitExactly(string mode, decimal? amount, decimal practiceFee)
    {
        var billing = mode == "selfPay"
            ? BillingSettings.SelfPay(amount)
            : BillingSettings.Insurance("Blue Harbor Health", "XKJ-1234", amount ?? 0m);

        var invoice = Invoice.ForSession(Billed.GroupSession(Billed.SelfPay(), practiceFee), billing, A.Today);

        Assert.Equal(invoice.Lines.Sum(l => l.Fee), invoice.Total);
        Assert.Equal(invoice.Lines.Sum(l => l.ClientOwes), invoice.ClientOwes);
        Assert.Equal(invoice.Lines.Sum(l => l.PayerOwes), invoice.PayerOwes);
        Assert.Equal(invoice.Total, invoice.ClientOwes + invoice.PayerOwes);
        Assert.All(invoice.Lines, l => Assert.Equal(l.Fee, l.ClientOwes + l.PayerOwes));
        Assert.All([invoice.Total, invoice.ClientOwes, invoice.PayerOwes], amount => Assert.Equal(Money.Round(amount), amount));
    }

    [Fact]
    public void MissedSessionInvoice_ForAnInsuredClient_IsBilledToTheClientAloneAndNeverToThePayer_Rule7()
    {
        var client = Billed.Insured(copay: 20m);

        var invoice = Invoice.ForMissedSession(Billed.GroupSession(client), 45.00m, A.Today);

        Assert.Equal(InvoiceKind.Missed, invoice.Kind);
        Assert.Equal(45.00m, invoice.Total);
        Assert.Equal(45.00m, invoice.ClientOwes);
        Assert.Equal(0m, invoice.PayerOwes);
        Assert.Null(invoice.Payer);
        Assert.Null(invoice.MemberId);
        var line = Assert.Single(invoice.Lines);
        Assert.Equal(0m, line.PayerOwes);
        Assert.Null(line.ServiceCode);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
    }

    [Theory]
    [InlineData("10.125", "10.13")]
    [InlineData("10.135", "10.14")]
    public void MissedSessionInvoice_RoundsTheChargeToCentsHalfAwayFromZero_Rule7(string charge, string owed)
    {
        var invoice = Invoice.ForMissedSession(Billed.GroupSession(Billed.SelfPay()), Dec(charge), A.Today);

        Assert.Equal(Dec(owed), invoice.Total);
        Assert.Equal(Dec(owed), invoice.ClientOwes);
    }

    [Fact]
    public void Void_AnUnpaidInvoiceWithAReason_MakesItVoidAndKeepsTheReason()
    {
        var invoice = Billed.ServiceInvoice(Billed.SelfPay());

        var outcome = invoice.Void("  Booked in error  ");

        Assert.True(outcome.Succeeded);
        Assert.Equal(InvoiceStatus.Void, invoice.Status);
        Assert.Equal("Booked in error", invoice.VoidReason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Void_WithoutAReason_IsRefusedNamingTheReason(string reason)
    {
        var invoice = Billed.ServiceInvoice(Billed.SelfPay());

        var outcome = invoice.Void(reason);

        Assert.Equal("reason", Assert.Single(outcome.Refusals).Field);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
    }

    [Fact]
    public void Void_AfterAPartPayment_IsRefusedAsPaymentTaken()
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(client);
        Billed.Paid(client, 10m, (invoice, 10m));

        var outcome = invoice.Void("Booked in error");

        Assert.Equal("payment-taken", Assert.Single(outcome.Refusals).Code);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
    }

    [Fact]
    public void Void_APaidInvoice_IsRefusedAsPaymentTaken()
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(client);
        Billed.Paid(client, 60m, (invoice, 60m));

        var outcome = invoice.Void("Booked in error");

        Assert.Equal("payment-taken", Assert.Single(outcome.Refusals).Code);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
    }

    [Fact]
    public void Void_OnceThePaymentIsUnapplied_IsAllowed()
    {
        var client = Billed.SelfPay();
        var invoice = Billed.ServiceInvoice(client);
        var payment = Billed.Paid(client, 60m, (invoice, 60m));
        Assert.True(payment.Unapply(invoice, 60m).Succeeded);

        var outcome = invoice.Void("Booked in error");

        Assert.True(outcome.Succeeded);
        Assert.Equal(InvoiceStatus.Void, invoice.Status);
    }

    [Fact]
    public void Void_AnInvoiceAlreadyVoid_IsRefused()
    {
        var invoice = Billed.ServiceInvoice(Billed.SelfPay());
        invoice.Void("Booked in error");

        var outcome = invoice.Void("Again");

        Assert.Equal("invoice-void", Assert.Single(outcome.Refusals).Code);
        Assert.Equal("Booked in error", invoice.VoidReason);
    }
}
