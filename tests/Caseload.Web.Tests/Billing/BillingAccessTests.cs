using System.Net;
using System.Text.Json;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using static Caseload.Web.Tests.Billing.BillingApi;

namespace Caseload.Web.Tests.Billing;

/// <summary>Who may see and do what in billing: front desk takes payments, billers run billing, clinicians see their own clients only.</summary>
public abstract class BillingAccessTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(BilledClient Client, JsonElement Invoice)> InvoicedTodayAsync(BillingPayload? billing = null)
    {
        var client = await app.BilledClientAsync(billing ?? BillingPayload.SelfPay());
        var appointment = await client.Http.BookOneAsync(client.Session(app.At(0, hour: 9)));
        return (client, await client.Http.OnlyInvoiceAsync(appointment.Id()));
    }

    [Fact]
    public async Task Scheduler_TakesAPayment_Is201()
    {
        var (_, invoice) = await InvoicedTodayAsync();
        var scheduler = await app.StaffAsync("Scheduler");

        var response = await scheduler.Client.PayAsync(invoice.Text("id"), 60.00m, "cash");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Scheduler_VoidingAnInvoice_Is403AndTheInvoiceStaysOpen()
    {
        var (_, invoice) = await InvoicedTodayAsync();
        var scheduler = await app.StaffAsync("Scheduler");

        var response = await scheduler.Client.VoidAsync(invoice.Text("id"));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("open", (await scheduler.Client.InvoiceAsync(invoice.Text("id"))).Text("status"));
    }

    [Fact]
    public async Task Scheduler_Refunding_Is403()
    {
        var (_, invoice) = await InvoicedTodayAsync();
        var scheduler = await app.StaffAsync("Scheduler");
        var payment = await scheduler.Client.PaidAsync(new { invoiceId = invoice.Text("id"), amount = 80.00m, method = "cash" });

        var response = await scheduler.Client.RefundAsync(payment.Text("id"), 20.00m);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Scheduler_ExportingClaims_Is403()
    {
        var scheduler = await app.StaffAsync("Scheduler");

        var response = await scheduler.Client.GetAsync($"/api/v1/billing/claims.csv?from={app.Day(-30)}&to={app.Day(0)}", Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Scheduler_SeesTheOutstandingBalances()
    {
        var (client, _) = await InvoicedTodayAsync();
        var scheduler = await app.StaffAsync("Scheduler");

        var response = await scheduler.Client.GetAsync("/api/v1/billing/outstanding", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Contains(body.GetProperty("clients").EnumerateArray(), c => c.Text("id") == client.ClientId);
    }

    [Fact]
    public async Task Clinician_TakingAPayment_Is403()
    {
        var (client, invoice) = await InvoicedTodayAsync();

        var response = await client.Http.PayAsync(invoice.Text("id"), 60.00m);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Clinician_ExportingClaimsOrReadingTheOutstandingReport_Is403()
    {
        var clinician = await app.StaffAsync("Clinician");

        var claims = await clinician.Client.GetAsync($"/api/v1/billing/claims.csv?from={app.Day(-30)}&to={app.Day(0)}", Ct);
        var outstanding = await clinician.Client.GetAsync("/api/v1/billing/outstanding", Ct);

        await claims.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await outstanding.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Clinician_SeesTheInvoicesAndLedgerOfTheirOwnClients()
    {
        var (mine, invoice) = await InvoicedTodayAsync();

        var invoices = await mine.Http.InvoicesAsync();
        var ledger = await mine.Http.LedgerAsync(mine.ClientId);

        Assert.Contains(invoices, i => i.Text("id") == invoice.Text("id"));
        Assert.All(invoices, i => Assert.Equal(mine.ClientId, i.Text("clientId")));
        Assert.Equal(60.00m, ledger.Money("owed"));
        Assert.Equal(invoice.Text("id"), Assert.Single(ledger.GetProperty("invoices").EnumerateArray()).Text("id"));
    }

    [Fact]
    public async Task Clinician_AnotherCliniciansClient_TheirInvoicesAreLeftOutAndTheirLedgerAndInvoiceAre404()
    {
        var (mine, _) = await InvoicedTodayAsync();
        var (theirs, theirInvoice) = await InvoicedTodayAsync(Insured(copay: 20m));

        var all = await mine.Http.InvoicesAsync();
        var filtered = await mine.Http.InvoicesAsync(clientId: theirs.ClientId);
        var ledger = await mine.Http.GetAsync($"/api/v1/clients/{theirs.ClientId}/ledger", Ct);
        var single = await mine.Http.GetAsync($"/api/v1/invoices/{theirInvoice.Text("id")}", Ct);

        Assert.DoesNotContain(all, i => i.Text("clientId") == theirs.ClientId);
        Assert.Empty(filtered);
        await ledger.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await single.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Biller_SeesEveryCliniciansClientsInvoicesAndLedgers()
    {
        var (first, firstInvoice) = await InvoicedTodayAsync();
        var (second, secondInvoice) = await InvoicedTodayAsync(Insured(copay: 20m));
        var biller = await app.StaffAsync("Biller");

        var invoices = await biller.Client.InvoicesAsync();

        Assert.Contains(invoices, i => i.Text("id") == firstInvoice.Text("id"));
        Assert.Contains(invoices, i => i.Text("id") == secondInvoice.Text("id"));
        Assert.Equal(60.00m, (await biller.Client.LedgerAsync(first.ClientId)).Money("owed"));
        Assert.Equal(20.00m, (await biller.Client.LedgerAsync(second.ClientId)).Money("owed"));
    }

    [Fact]
    public async Task Biller_VoidsAndRefunds()
    {
        var (_, toVoid) = await InvoicedTodayAsync();
        var (_, toPay) = await InvoicedTodayAsync();
        var biller = await app.StaffAsync("Biller");
        var payment = await biller.Client.PaidAsync(new { invoiceId = toPay.Text("id"), amount = 70.00m, method = "card" });

        var voided = await biller.Client.VoidAsync(toVoid.Text("id"));
        var refunded = await biller.Client.RefundAsync(payment.Text("id"), 10.00m);

        Assert.Equal(HttpStatusCode.OK, voided.StatusCode);
        Assert.Equal(HttpStatusCode.Created, refunded.StatusCode);
    }

    [Fact]
    public async Task Billing_WithoutSigningIn_Is401()
    {
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/invoices", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PayAsync("any", 10m)).StatusCode);
    }
}

public sealed class BillingAccessSqliteTests(SqliteApp app) : BillingAccessTests(app), IClassFixture<SqliteApp>;

public sealed class BillingAccessPostgresTests(PostgresApp app) : BillingAccessTests(app), IClassFixture<PostgresApp>;
