using System.Net;
using System.Net.Http.Json;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using static Caseload.Web.Tests.Billing.BillingApi;

namespace Caseload.Web.Tests.Billing;

/// <summary>
/// The claims export: one CMS-1500 row per insured session invoiced in the range; self-pay sessions and
/// missed-session charges never go to a payer (rule 7). Test clock: 2026-12-01 10:00, New York.
/// </summary>
public abstract class ClaimsExportTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Cms1500Columns =
    [
        "1a Insured's ID Number", "2 Patient's Name", "3 Patient's Birth Date", "11c Insurance Plan Name",
        "24A Date of Service", "24B Place of Service", "24D Procedure (CPT)", "24F Charges", "24G Units",
        "24J Rendering Provider", "26 Patient's Account No", "29 Amount Paid",
    ];

    private async Task<List<string[]>> ClaimRowsAsync(int fromDays, int toDays)
    {
        var biller = await app.StaffAsync("Biller");
        var rows = ParseCsv(await biller.Client.ClaimsCsvTextAsync(app.Day(fromDays), app.Day(toDays)));
        Assert.Equal(Cms1500Columns, rows[0]);
        return rows;
    }

    [Fact]
    public async Task ClaimsCsv_IsTextCsvWithAHeaderOfCms1500BoxNames()
    {
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.GetAsync($"/api/v1/billing/claims.csv?from={app.Day(-30)}&to={app.Day(0)}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var header = ParseCsv(await response.Content.ReadAsStringAsync(Ct))[0];
        Assert.Equal(Cms1500Columns, header);
    }

    [Fact]
    public async Task ClaimsCsv_HasOneRowPerInsuredServiceInvoiceInTheRange()
    {
        var memberId = UniqueMemberId();
        var client = await app.BilledClientAsync(BillingPayload.Insurance(Payer, memberId, 20.00m));
        await client.Http.BookOneAsync(client.Session(app.At(-40, hour: 9)));
        await client.Http.BookOneAsync(client.Session(app.At(-3, hour: 9)));
        var today = await client.Http.BookOneAsync(client.Session(app.At(0, hour: 9), location: "https://meet.example.com/ada"));
        var todaysInvoice = await client.Http.OnlyInvoiceAsync(today.Id());

        var rows = (await ClaimRowsAsync(-5, 0)).Where(r => r[0] == memberId).ToList();

        Assert.Equal([app.Day(-3), app.Day(0)], rows.Select(r => r[4]).Order(StringComparer.Ordinal).ToArray());
        var row = rows.Single(r => r[4] == app.Day(0));
        Assert.Equal(
            [memberId, $"{client.LastName}, Ada", "1985-04-12", Payer, app.Day(0), "02", "90853", "60.00", "1", "Test Clinician",
                todaysInvoice.Text("number"), "0.00"],
            row);
    }

    [Fact]
    public async Task ClaimsCsv_OnlyForOneDay_HoldsOnlyThatDaysClaims()
    {
        var memberId = UniqueMemberId();
        var client = await app.BilledClientAsync(BillingPayload.Insurance(Payer, memberId, 20.00m));
        await client.Http.BookOneAsync(client.Session(app.At(-2, hour: 9)));
        await client.Http.BookOneAsync(client.Session(app.At(-1, hour: 9)));

        var rows = (await ClaimRowsAsync(-1, -1)).Where(r => r[0] == memberId).ToList();

        Assert.Equal(app.Day(-1), Assert.Single(rows)[4]);
    }

    [Fact]
    public async Task ClaimsCsv_LeavesOutSelfPaySessions()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        await client.Http.BookOneAsync(client.Session(app.At(0, hour: 9)));

        var rows = await ClaimRowsAsync(-1, 0);

        Assert.DoesNotContain(rows, r => r[1] == $"{client.LastName}, Ada");
    }

    [Fact]
    public async Task ClaimsCsv_LeavesOutAMissedSessionChargeOfAnInsuredClientAndTheVoidedServiceInvoice_Rule7()
    {
        var memberId = UniqueMemberId();
        var client = await app.BilledClientAsync(BillingPayload.Insurance(Payer, memberId, 20.00m));
        var appointment = await client.Http.BookOneAsync(client.Session(app.At(-1, hour: 9)));
        var marked = await client.Http.PostAsJsonAsync($"/api/v1/appointments/{appointment.Id()}/invitees/{client.ClientId}/missed",
            new { reason = "No show", charge = 45.00m }, Ct);
        Assert.True(marked.IsSuccessStatusCode, await marked.Content.ReadAsStringAsync(Ct));
        var charge = Assert.Single(await client.Http.InvoicesAsync(clientId: client.ClientId), i => i.Text("status") != "void");
        Assert.Equal(("missed", 45.00m, 0m), (charge.Text("kind"), charge.Money("clientOwes"), charge.Money("payerOwes")));

        var rows = await ClaimRowsAsync(-1, 0);

        Assert.DoesNotContain(rows, r => r[0] == memberId);
        Assert.DoesNotContain(rows, r => r[1] == $"{client.LastName}, Ada");
    }

    [Fact]
    public async Task ClaimsCsv_LeavesOutVoidInvoices()
    {
        var memberId = UniqueMemberId();
        var client = await app.BilledClientAsync(BillingPayload.Insurance(Payer, memberId, 20.00m));
        var appointment = await client.Http.BookOneAsync(client.Session(app.At(0, hour: 9)));
        var biller = await app.StaffAsync("Biller");
        var voided = await biller.Client.VoidAsync((await client.Http.OnlyInvoiceAsync(appointment.Id())).Text("id"), "Entered twice");
        Assert.Equal(HttpStatusCode.OK, voided.StatusCode);

        var rows = await ClaimRowsAsync(-1, 0);

        Assert.DoesNotContain(rows, r => r[0] == memberId);
    }

    [Fact]
    public async Task ClaimsCsv_ShowsTheCopayPaidInBox29()
    {
        var memberId = UniqueMemberId();
        var client = await app.BilledClientAsync(BillingPayload.Insurance(Payer, memberId, 20.00m));
        var appointment = await client.Http.BookOneAsync(client.Session(app.At(0, hour: 9)));
        var biller = await app.StaffAsync("Biller");
        await biller.Client.PaidAsync(new { invoiceId = (await client.Http.OnlyInvoiceAsync(appointment.Id())).Text("id"), amount = 20.00m, method = "card" });

        var row = Assert.Single(await ClaimRowsAsync(0, 0), r => r[0] == memberId);

        Assert.Equal(("60.00", "20.00"), (row[7], row[11]));
    }

    [Fact]
    public async Task ClaimsCsv_WithToBeforeFrom_Is400()
    {
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.GetAsync($"/api/v1/billing/claims.csv?from={app.Day(0)}&to={app.Day(-1)}", Ct);

        await response.AssertFieldErrorAsync("to");
    }
}

public sealed class ClaimsExportSqliteTests(SqliteApp app) : ClaimsExportTests(app), IClassFixture<SqliteApp>;

public sealed class ClaimsExportPostgresTests(PostgresApp app) : ClaimsExportTests(app), IClassFixture<PostgresApp>;
