using System.Net;
using System.Text;
using System.Text.Json;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using static Caseload.Web.Tests.Billing.BillingApi;

namespace Caseload.Web.Tests.Billing;

/// <summary>Bad payment, refund and void input is a 400 naming the field (never a 500); unknown records are 404.</summary>
public abstract class PaymentInputTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Staff Biller, BilledClient Client, JsonElement Invoice)> InvoicedTodayAsync()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        var appointment = await client.Http.BookOneAsync(client.Session(app.At(0, hour: 9)));
        return (await app.StaffAsync("Biller"), client, await client.Http.OnlyInvoiceAsync(appointment.Id()));
    }

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient http, string path, string json) =>
        http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    [Theory]
    [InlineData("0")]
    [InlineData("0.00")]
    [InlineData("-10.00")]
    [InlineData("10.005")]
    [InlineData("1000000.01")]
    public async Task Pay_AnAmountNotAboveZeroOrNotInWholeCents_Is400NamingTheAmountAndPaysNothing(string amount)
    {
        var (biller, _, invoice) = await InvoicedTodayAsync();

        var response = await PostRawAsync(biller.Client, "/api/v1/payments",
            $$"""{"invoiceId":"{{invoice.Text("id")}}","amount":{{amount}},"method":"card"}""");

        await response.AssertFieldErrorAsync("amount");
        Assert.Equal(0m, (await biller.Client.InvoiceAsync(invoice.Text("id"))).Money("clientPaid"));
    }

    [Fact]
    public async Task Pay_WithoutAnAmount_Is400NamingTheAmount()
    {
        var (biller, _, invoice) = await InvoicedTodayAsync();

        var response = await biller.Client.PostPaymentAsync(new { invoiceId = invoice.Text("id"), method = "card" });

        await response.AssertFieldErrorAsync("amount");
    }

    [Theory]
    [InlineData("bitcoin")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Pay_WithAnUnknownMethod_Is400NamingTheMethod(string? method)
    {
        var (biller, _, invoice) = await InvoicedTodayAsync();

        var response = await biller.Client.PostPaymentAsync(new { invoiceId = invoice.Text("id"), amount = 10.00m, method });

        await response.AssertFieldErrorAsync("method");
        Assert.Equal(0m, (await biller.Client.InvoiceAsync(invoice.Text("id"))).Money("clientPaid"));
    }

    [Theory]
    [InlineData("Cash")]
    [InlineData("CHECK")]
    [InlineData("other")]
    public async Task Pay_WithAKnownMethodInAnyCase_Is201(string method)
    {
        var (biller, _, invoice) = await InvoicedTodayAsync();

        var response = await biller.Client.PayAsync(invoice.Text("id"), 10.00m, method);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Pay_AnUnknownInvoice_Is404()
    {
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.PayAsync("no-such-invoice", 10.00m);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Pay_WithAnAllocationToAnUnknownInvoice_Is404AndPaysNothing()
    {
        var (biller, client, invoice) = await InvoicedTodayAsync();

        var response = await biller.Client.PostPaymentAsync(new
        {
            clientId = client.ClientId,
            amount = 20.00m,
            method = "card",
            allocations = new[] { new { invoiceId = invoice.Text("id"), amount = 10.00m }, new { invoiceId = "no-such-invoice", amount = 10.00m } },
        });

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(0m, (await biller.Client.InvoiceAsync(invoice.Text("id"))).Money("clientPaid"));
    }

    [Fact]
    public async Task Pay_AnotherClientsInvoiceUnderThisClientsName_Is400()
    {
        var (biller, client, _) = await InvoicedTodayAsync();
        var (_, _, otherInvoice) = await InvoicedTodayAsync();

        var response = await biller.Client.PostPaymentAsync(new
        {
            clientId = client.ClientId,
            amount = 10.00m,
            method = "card",
            allocations = new[] { new { invoiceId = otherInvoice.Text("id"), amount = 10.00m } },
        });

        await response.AssertFieldErrorAsync("invoiceId");
    }

    [Fact]
    public async Task Pay_ReceivedOnADayStillToCome_Is400NamingReceivedOn()
    {
        var (biller, client, _) = await InvoicedTodayAsync();

        var response = await biller.Client.PostPaymentAsync(new { clientId = client.ClientId, amount = 10.00m, method = "card", receivedOn = app.Day(1) });

        await response.AssertFieldErrorAsync("receivedOn");
    }

    [Fact]
    public async Task Pay_WithAnAmountThatIsNotANumber_Is400NotA500()
    {
        var (biller, _, invoice) = await InvoicedTodayAsync();

        var response = await PostRawAsync(biller.Client, "/api/v1/payments", $$"""{"invoiceId":"{{invoice.Text("id")}}","amount":"ten","method":"card"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5.00")]
    [InlineData("5.005")]
    public async Task Refund_AnAmountNotAboveZeroOrNotInWholeCents_Is400NamingTheAmount(string amount)
    {
        var (biller, _, invoice) = await InvoicedTodayAsync();
        var payment = await biller.Client.PaidAsync(new { invoiceId = invoice.Text("id"), amount = 80.00m, method = "card" });

        var response = await PostRawAsync(biller.Client, $"/api/v1/payments/{payment.Text("id")}/refund", $$"""{"amount":{{amount}}}""");

        await response.AssertFieldErrorAsync("amount");
        Assert.Equal(20.00m, (await biller.Client.LedgerAsync(invoice.Text("clientId"))).Money("credit"));
    }

    [Fact]
    public async Task Refund_OfAnUnknownPayment_Is404()
    {
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.RefundAsync("no-such-payment", 10.00m);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Void_AnUnknownInvoice_Is404()
    {
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.VoidAsync("no-such-invoice");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Invoice_Unknown_Is404()
    {
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.GetAsync("/api/v1/invoices/no-such-invoice", Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}

public sealed class PaymentInputSqliteTests(SqliteApp app) : PaymentInputTests(app), IClassFixture<SqliteApp>;

public sealed class PaymentInputPostgresTests(PostgresApp app) : PaymentInputTests(app), IClassFixture<PostgresApp>;
