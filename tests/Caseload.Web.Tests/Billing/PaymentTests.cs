using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using static Caseload.Web.Tests.Billing.BillingApi;

namespace Caseload.Web.Tests.Billing;

/// <summary>Payments, credit, refunds and voids over HTTP (test clock: 2026-12-01 10:00, New York; it never moves here).</summary>
public abstract class PaymentTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A self-pay client (or as billed) with a 90853 session today, invoiced at save at 60.00.</summary>
    private async Task<(BilledClient Client, string AppointmentId, JsonElement Invoice)> InvoicedTodayAsync(BillingPayload? billing = null, int hour = 9)
    {
        var client = await app.BilledClientAsync(billing ?? BillingPayload.SelfPay());
        var appointment = await client.Http.BookOneAsync(client.Session(app.At(0, hour)));
        return (client, appointment.Id(), await client.Http.OnlyInvoiceAsync(appointment.Id()));
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    [Fact]
    public async Task Pay_TheWholeBalanceOfAnInvoice_Is201AndMarksItPaid()
    {
        var (client, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.PayAsync(invoice.Text("id"), 60.00m, "card");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var payment = await BodyAsync(response);
        Assert.Equal($"/api/v1/payments/{payment.Text("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal(client.ClientId, payment.Text("clientId"));
        Assert.Equal(60.00m, payment.Money("amount"));
        Assert.Equal("card", payment.Text("method"));
        Assert.Equal(app.Day(0), payment.Text("receivedOn"));
        Assert.Equal(0m, payment.Money("unapplied"));
        var allocation = Assert.Single(payment.GetProperty("allocations").EnumerateArray());
        Assert.Equal((invoice.Text("id"), 60.00m), (allocation.Text("invoiceId"), allocation.Money("amount")));
        var paid = await biller.Client.InvoiceAsync(invoice.Text("id"));
        Assert.Equal("paid", paid.Text("status"));
        Assert.Equal((60.00m, 0m), (paid.Money("clientPaid"), paid.Money("balance")));
    }

    [Fact]
    public async Task Pay_PartOfTheBalance_KeepsTheInvoiceOpenWithTheRestAsItsBalance()
    {
        var (_, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.PayAsync(invoice.Text("id"), 25.50m, "cash");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var open = await biller.Client.InvoiceAsync(invoice.Text("id"));
        Assert.Equal("open", open.Text("status"));
        Assert.Equal((25.50m, 34.50m), (open.Money("clientPaid"), open.Money("balance")));
    }

    [Fact]
    public async Task Pay_TheCopayOfAnInsuredClient_MarksTheInvoicePaidWhileThePayerStillOwesItsPart()
    {
        var (_, _, invoice) = await InvoicedTodayAsync(Insured(copay: 20m));
        var biller = await app.StaffAsync("Biller");

        await biller.Client.PaidAsync(new { invoiceId = invoice.Text("id"), amount = 20.00m, method = "card" });

        var paid = await biller.Client.InvoiceAsync(invoice.Text("id"));
        Assert.Equal("paid", paid.Text("status"));
        Assert.Equal((0m, 40.00m), (paid.Money("balance"), paid.Money("payerOwes")));
    }

    [Fact]
    public async Task Pay_MoreThanTheInvoiceOwes_PaysItAndLeavesTheRestAsCreditOnTheLedger()
    {
        var (client, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");

        var payment = await biller.Client.PaidAsync(new { invoiceId = invoice.Text("id"), amount = 75.00m, method = "check" });

        Assert.Equal(15.00m, payment.Money("unapplied"));
        Assert.Equal("paid", (await biller.Client.InvoiceAsync(invoice.Text("id"))).Text("status"));
        var ledger = await biller.Client.LedgerAsync(client.ClientId);
        Assert.Equal((0m, 15.00m, -15.00m), (ledger.Money("owed"), ledger.Money("credit"), ledger.Money("balance")));
        Assert.Equal(payment.Text("id"), Assert.Single(ledger.GetProperty("payments").EnumerateArray()).Text("id"));
    }

    [Fact]
    public async Task Pay_WithAllocationsAcrossTwoInvoices_AppliesEachAmountAndKeepsTheRestAsCredit()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        var first = await client.Http.OnlyInvoiceAsync((await client.Http.BookOneAsync(client.Session(app.At(-7, hour: 9)))).Id());
        var second = await client.Http.OnlyInvoiceAsync((await client.Http.BookOneAsync(client.Session(app.At(0, hour: 9)))).Id());
        var scheduler = await app.StaffAsync("Scheduler");

        var payment = await scheduler.Client.PaidAsync(new
        {
            clientId = client.ClientId,
            amount = 100.00m,
            method = "cash",
            reference = "Receipt 118",
            receivedOn = app.Day(-1),
            allocations = new[] { new { invoiceId = first.Text("id"), amount = 60.00m }, new { invoiceId = second.Text("id"), amount = 30.00m } },
        });

        Assert.Equal((100.00m, 10.00m), (payment.Money("amount"), payment.Money("unapplied")));
        Assert.Equal("Receipt 118", payment.Text("reference"));
        Assert.Equal(app.Day(-1), payment.Text("receivedOn"));
        Assert.Equal("paid", (await scheduler.Client.InvoiceAsync(first.Text("id"))).Text("status"));
        var open = await scheduler.Client.InvoiceAsync(second.Text("id"));
        Assert.Equal(("open", 30.00m), (open.Text("status"), open.Money("balance")));
        var ledger = await scheduler.Client.LedgerAsync(client.ClientId);
        Assert.Equal((30.00m, 10.00m, 20.00m), (ledger.Money("owed"), ledger.Money("credit"), ledger.Money("balance")));
    }

    [Fact]
    public async Task Pay_WithClientIdAndNoAllocations_PaysTheOldestOpenInvoicesFirst()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        var newest = await client.Http.OnlyInvoiceAsync((await client.Http.BookOneAsync(client.Session(app.At(0, hour: 9)))).Id());
        var oldest = await client.Http.OnlyInvoiceAsync((await client.Http.BookOneAsync(client.Session(app.At(-14, hour: 9)))).Id());
        var middle = await client.Http.OnlyInvoiceAsync((await client.Http.BookOneAsync(client.Session(app.At(-7, hour: 9)))).Id());
        var scheduler = await app.StaffAsync("Scheduler");

        var payment = await scheduler.Client.PaidAsync(new { clientId = client.ClientId, amount = 130.00m, method = "cash" });

        Assert.Equal(
            [(oldest.Text("id"), 60.00m), (middle.Text("id"), 60.00m), (newest.Text("id"), 10.00m)],
            payment.GetProperty("allocations").EnumerateArray().Select(a => (a.Text("invoiceId"), a.Money("amount"))).ToArray());
        Assert.Equal(0m, payment.Money("unapplied"));
        Assert.Equal("paid", (await scheduler.Client.InvoiceAsync(oldest.Text("id"))).Text("status"));
        Assert.Equal("paid", (await scheduler.Client.InvoiceAsync(middle.Text("id"))).Text("status"));
        var open = await scheduler.Client.InvoiceAsync(newest.Text("id"));
        Assert.Equal(("open", 50.00m), (open.Text("status"), open.Money("balance")));
    }

    [Fact]
    public async Task Pay_WithClientIdAndNoAllocations_MoreThanTheOpenInvoicesOwe_PaysThemAndLeavesTheRestAsCredit()
    {
        var (client, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");

        var payment = await biller.Client.PaidAsync(new { clientId = client.ClientId, amount = 100.00m, method = "card" });

        var allocation = Assert.Single(payment.GetProperty("allocations").EnumerateArray());
        Assert.Equal((invoice.Text("id"), 60.00m), (allocation.Text("invoiceId"), allocation.Money("amount")));
        Assert.Equal(40.00m, payment.Money("unapplied"));
        var ledger = await biller.Client.LedgerAsync(client.ClientId);
        Assert.Equal((0m, 40.00m, -40.00m), (ledger.Money("owed"), ledger.Money("credit"), ledger.Money("balance")));
    }

    [Fact]
    public async Task Pay_WithAllocationsNamingTheSameInvoiceTwice_NeverPaysItMoreThanItOwes()
    {
        var (_, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.PostPaymentAsync(new
        {
            clientId = invoice.Text("clientId"),
            amount = 80.00m,
            method = "card",
            allocations = new[] { new { invoiceId = invoice.Text("id"), amount = 40.00m }, new { invoiceId = invoice.Text("id"), amount = 40.00m } },
        });

        var after = await biller.Client.InvoiceAsync(invoice.Text("id"));
        Assert.True(after.Money("clientPaid") <= 60.00m, $"the invoice owes 60.00 and was paid {after.Money("clientPaid")}: {after}");
        Assert.True(after.Money("balance") >= 0m);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Pay_AnInvoiceOfASessionToday_ShowsHasPaymentOnTheAppointment()
    {
        var (client, appointmentId, invoice) = await InvoicedTodayAsync();
        Assert.False((await client.Http.AppointmentAsync(appointmentId)).GetProperty("hasPayment").GetBoolean());
        var scheduler = await app.StaffAsync("Scheduler");

        await scheduler.Client.PaidAsync(new { invoiceId = invoice.Text("id"), amount = 10.00m, method = "card" });

        Assert.True((await client.Http.AppointmentAsync(appointmentId)).GetProperty("hasPayment").GetBoolean());
    }

    /// <summary>What a ledger says was applied to one invoice, summed over every payment's allocations.</summary>
    private static decimal AllocatedTo(JsonElement ledger, string invoiceId) =>
        ledger.GetProperty("payments").EnumerateArray().SelectMany(p => p.GetProperty("allocations").EnumerateArray())
            .Where(a => a.Text("invoiceId") == invoiceId).Sum(a => a.Money("amount"));

    [Fact]
    public async Task Pay_ThreeTimesAtOnceOnOneInvoice_EveryCentTakenIsOnTheInvoiceOrCredit()
    {
        var (client, _, invoice) = await InvoicedTodayAsync();
        var desks = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            desks.Add((await app.StaffAsync("Biller")).Client);
        }

        var statuses = await AllAtOnceAsync([.. desks.Select(desk => (Func<Task<int>>)(async () =>
            (int)(await desk.PayAsync(invoice.Text("id"), 30.00m, "card")).StatusCode))]);

        var taken = 30.00m * statuses.Count(s => s == (int)HttpStatusCode.Created);
        var ledger = await desks[0].LedgerAsync(client.ClientId);
        var after = await desks[0].InvoiceAsync(invoice.Text("id"));
        var state = $"statuses {string.Join(",", statuses)}; invoice paid {after.Money("clientPaid")}, "
            + $"allocated {AllocatedTo(ledger, invoice.Text("id"))}, credit {ledger.Money("credit")}";
        Assert.True(after.Money("clientPaid") == AllocatedTo(ledger, invoice.Text("id")), $"the invoice's paid amount disagrees with its allocations: {state}");
        Assert.True(taken == after.Money("clientPaid") + ledger.Money("credit"), $"{taken} was taken but not all of it is on the ledger: {state}");
        Assert.True(after.Money("clientPaid") <= 60.00m, state);
    }

    [Fact]
    public async Task Refund_ThreeTimesAtOnceFromOnePayment_NeverGivesBackMoreThanIsRefundable()
    {
        var (client, _, invoice) = await InvoicedTodayAsync();
        var desks = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            desks.Add((await app.StaffAsync("Biller")).Client);
        }

        var payment = await desks[0].PaidAsync(new { invoiceId = invoice.Text("id"), amount = 90.00m, method = "card" });

        var statuses = await AllAtOnceAsync([.. desks.Select(desk => (Func<Task<int>>)(async () =>
            (int)(await desk.RefundAsync(payment.Text("id"), 30.00m)).StatusCode))]);

        var ledger = await desks[0].LedgerAsync(client.ClientId);
        var after = await desks[0].InvoiceAsync(invoice.Text("id"));
        var refunded = -ledger.GetProperty("payments").EnumerateArray().Where(p => p.Money("amount") < 0).Sum(p => p.Money("amount"));
        var state = $"statuses {string.Join(",", statuses)}; refunded {refunded}, invoice paid {after.Money("clientPaid")}, "
            + $"allocated {AllocatedTo(ledger, invoice.Text("id"))}, credit {ledger.Money("credit")}";
        Assert.True(ledger.Money("credit") >= 0m, $"more was refunded than the client had in credit: {state}");
        Assert.True(after.Money("clientPaid") == AllocatedTo(ledger, invoice.Text("id")), $"the invoice's paid amount disagrees with its allocations: {state}");
        Assert.True(90.00m == after.Money("clientPaid") + ledger.Money("credit") + refunded, $"the 90.00 paid is not all accounted for: {state}");
    }

    [Fact]
    public async Task Refund_OfACredit_Is201AsANegativePaymentAndTheCreditIsGone()
    {
        var (client, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");
        var payment = await biller.Client.PaidAsync(new { invoiceId = invoice.Text("id"), amount = 80.00m, method = "card" });

        var response = await biller.Client.RefundAsync(payment.Text("id"), 20.00m);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(-20.00m, (await BodyAsync(response)).Money("amount"));
        var ledger = await biller.Client.LedgerAsync(client.ClientId);
        Assert.Equal((0m, 0m), (ledger.Money("owed"), ledger.Money("credit")));
        Assert.Equal("paid", (await biller.Client.InvoiceAsync(invoice.Text("id"))).Text("status"));
    }

    [Fact]
    public async Task Refund_OfMoneyPaidOnAnInvoice_OpensTheInvoiceAgainForTheAmountGivenBack()
    {
        var (client, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");
        var payment = await biller.Client.PaidAsync(new { invoiceId = invoice.Text("id"), amount = 60.00m, method = "card" });

        var response = await biller.Client.RefundAsync(payment.Text("id"), 25.00m);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reopened = await biller.Client.InvoiceAsync(invoice.Text("id"));
        Assert.Equal(("open", 25.00m), (reopened.Text("status"), reopened.Money("balance")));
        var ledger = await biller.Client.LedgerAsync(client.ClientId);
        Assert.Equal((25.00m, 0m, 25.00m), (ledger.Money("owed"), ledger.Money("credit"), ledger.Money("balance")));
    }

    [Fact]
    public async Task Refund_MoreThanWasPaid_Is400NamingTheAmountAndChangesNothing()
    {
        var (client, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");
        var payment = await biller.Client.PaidAsync(new { invoiceId = invoice.Text("id"), amount = 60.00m, method = "card" });

        var response = await biller.Client.RefundAsync(payment.Text("id"), 60.01m);

        await response.AssertFieldErrorAsync("amount");
        Assert.Equal("paid", (await biller.Client.InvoiceAsync(invoice.Text("id"))).Text("status"));
        Assert.Single((await biller.Client.LedgerAsync(client.ClientId)).GetProperty("payments").EnumerateArray());
    }

    [Fact]
    public async Task Refund_AgainAfterTheWholePaymentWasRefunded_IsRefused()
    {
        var (_, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");
        var payment = await biller.Client.PaidAsync(new { invoiceId = invoice.Text("id"), amount = 60.00m, method = "card" });
        Assert.Equal(HttpStatusCode.Created, (await biller.Client.RefundAsync(payment.Text("id"), 60.00m)).StatusCode);

        var response = await biller.Client.RefundAsync(payment.Text("id"), 0.01m);

        await response.AssertFieldErrorAsync("amount");
        Assert.Equal(60.00m, (await biller.Client.InvoiceAsync(invoice.Text("id"))).Money("balance"));
    }

    [Fact]
    public async Task Refund_OfARefund_IsRefused()
    {
        var (_, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");
        var payment = await biller.Client.PaidAsync(new { invoiceId = invoice.Text("id"), amount = 90.00m, method = "card" });
        var refund = await BodyAsync(await biller.Client.RefundAsync(payment.Text("id"), 30.00m));

        var response = await biller.Client.RefundAsync(refund.Text("id"), 10.00m);

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict, $"{response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Void_AnUnpaidInvoiceByABiller_MakesItVoidWithTheReasonAndItIsNoLongerOwed()
    {
        var (client, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.VoidAsync(invoice.Text("id"), "Session was a free consultation");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var voided = await BodyAsync(response);
        Assert.Equal(("void", "Session was a free consultation"), (voided.Text("status"), voided.Text("voidReason")));
        Assert.Equal("void", (await biller.Client.InvoiceAsync(invoice.Text("id"))).Text("status"));
        Assert.Equal(0m, (await biller.Client.LedgerAsync(client.ClientId)).Money("owed"));
    }

    [Fact]
    public async Task Void_ThenPay_IsRefused()
    {
        var (_, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");
        await biller.Client.VoidAsync(invoice.Text("id"));

        var response = await biller.Client.PayAsync(invoice.Text("id"), 60.00m);

        await response.AssertFieldErrorAsync("invoiceId");
    }

    [Fact]
    public async Task Void_APaidInvoice_Is409PaymentTaken()
    {
        var (_, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");
        await biller.Client.PaidAsync(new { invoiceId = invoice.Text("id"), amount = 60.00m, method = "card" });

        var response = await biller.Client.VoidAsync(invoice.Text("id"));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "payment-taken");
        Assert.Equal("paid", (await biller.Client.InvoiceAsync(invoice.Text("id"))).Text("status"));
    }

    [Fact]
    public async Task Void_APartlyPaidInvoice_Is409PaymentTaken()
    {
        var (_, _, invoice) = await InvoicedTodayAsync();
        var admin = await app.AdminAsync();
        await admin.PaidAsync(new { invoiceId = invoice.Text("id"), amount = 5.00m, method = "cash" });

        var response = await admin.VoidAsync(invoice.Text("id"));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "payment-taken");
    }

    [Fact]
    public async Task Void_OnceTheWholePaymentIsRefunded_IsAllowed()
    {
        var (_, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");
        var payment = await biller.Client.PaidAsync(new { invoiceId = invoice.Text("id"), amount = 60.00m, method = "card" });
        await biller.Client.RefundAsync(payment.Text("id"), 60.00m);

        var response = await biller.Client.VoidAsync(invoice.Text("id"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task Void_WithoutAReason_Is400NamingTheReason(string? reason)
    {
        var (_, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.VoidAsync(invoice.Text("id"), reason);

        await response.AssertFieldErrorAsync("reason");
        Assert.Equal("open", (await biller.Client.InvoiceAsync(invoice.Text("id"))).Text("status"));
    }

    [Fact]
    public async Task Void_AnInvoiceAlreadyVoid_Is409()
    {
        var (_, _, invoice) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");
        await biller.Client.VoidAsync(invoice.Text("id"));

        var response = await biller.Client.VoidAsync(invoice.Text("id"), "Again");

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "invoice-void");
    }
}

public sealed class PaymentSqliteTests(SqliteApp app) : PaymentTests(app), IClassFixture<SqliteApp>;

public sealed class PaymentPostgresTests(PostgresApp app) : PaymentTests(app), IClassFixture<PostgresApp>;
