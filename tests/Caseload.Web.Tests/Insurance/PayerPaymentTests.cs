using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Billing;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using static Caseload.Web.Tests.Insurance.InsuranceApi;

namespace Caseload.Web.Tests.Insurance;

/// <summary>Payer cheques entered by hand, payer takebacks, and the reports over claims: claims by status and superbills.</summary>
public abstract class PayerPaymentTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(InsuredGroup Group, Staff Biller, JsonElement First, JsonElement Second)> TwoSubmittedClaimsAsync(string payer)
    {
        await app.SetUpClaimsAsync();
        object Billing() => new
        {
            mode = "insurance", payer, memberId = BillingApi.UniqueMemberId(), copay = 20m, payerId = PayerId, diagnosisCodes = new[] { "F33.1" },
        };
        var group = await app.InsuredGroupAsync(Billing(), Billing());
        await group.Http.BookOneAsync(group.Session(BillingApi.At(app, 0, hour: 9)));
        var biller = await app.StaffAsync("Biller");
        var first = await biller.Client.OnlyClaimAsync(group.Members[0]);
        var second = await biller.Client.OnlyClaimAsync(group.Members[1]);
        await biller.Client.SendAsync(first.Text("id"), second.Text("id"));
        return (group, biller, first, second);
    }

    private static string NewPayer() => "Lakeside Health " + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task PayerCheque_AgainstTwoClaims_PaysOneInFullAndOnePartly()
    {
        var payer = NewPayer();
        var (_, biller, first, second) = await TwoSubmittedClaimsAsync(payer);

        var response = await biller.Client.PostAsJsonAsync("/api/v1/payer-payments", new
        {
            payer, amount = 65m, method = "check", reference = "CHK 10442",
            claims = new object[]
            {
                new { claimId = first.Text("id"), paid = 40m, adjustments = new[] { new { group = "CO", reason = "45", amount = 0m } } },
                new { claimId = second.Text("id"), paid = 25m },
            },
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var firstAfter = await biller.Client.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{first.Text("id")}", Ct);
        var secondAfter = await biller.Client.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{second.Text("id")}", Ct);
        Assert.Equal(40.00m, firstAfter.Money("paid"));
        Assert.Equal("submitted", secondAfter.Text("status"));
        Assert.Equal(15.00m, secondAfter.Money("payerBalance"));
        Assert.Equal(15.00m, await biller.Client.PayerOwesAsync(payer));
    }

    [Fact]
    public async Task PayerCheque_WhoseClaimAmountsDoNotAddUp_Is400NamingAmount()
    {
        var payer = NewPayer();
        var (_, biller, first, _) = await TwoSubmittedClaimsAsync(payer);

        var response = await biller.Client.PostAsJsonAsync("/api/v1/payer-payments", new
        {
            payer, amount = 100m, method = "check", claims = new[] { new { claimId = first.Text("id"), paid = 40m } },
        }, Ct);

        await response.AssertFieldErrorAsync("amount");
        Assert.Equal(0.00m, (await biller.Client.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{first.Text("id")}", Ct)).Money("paid"));
    }

    [Fact]
    public async Task PayerTakeback_ReopensTheClaim_AndThePayerOwesItAgain()
    {
        var payer = NewPayer();
        var (_, biller, first, second) = await TwoSubmittedClaimsAsync(payer);
        var paid = await biller.Client.PostAsJsonAsync("/api/v1/payer-payments", new
        {
            payer, amount = 80m, method = "eft", reference = "EFT 1",
            claims = new[] { new { claimId = first.Text("id"), paid = 40m }, new { claimId = second.Text("id"), paid = 40m } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal(0.00m, await biller.Client.PayerOwesAsync(payer));

        var takeback = await biller.Client.PostAsJsonAsync("/api/v1/payer-payments/takebacks", new
        {
            payer, reference = "Recoupment 77", claims = new[] { new { claimId = second.Text("id"), amount = 40m } },
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, takeback.StatusCode);
        Assert.Equal(-40.00m, (await takeback.Content.ReadFromJsonAsync<JsonElement>(Ct)).Money("amount"));
        var secondAfter = await biller.Client.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{second.Text("id")}", Ct);
        Assert.Equal("submitted", secondAfter.Text("status"));
        Assert.Equal(40.00m, await biller.Client.PayerOwesAsync(payer));
    }

    [Fact]
    public async Task VoidingAnInvoiceWhoseClaimThePayerPaid_Is409ClaimPaid()
    {
        var payer = NewPayer();
        var (_, biller, first, _) = await TwoSubmittedClaimsAsync(payer);
        await biller.Client.PostAsJsonAsync("/api/v1/payer-payments", new
        {
            payer, amount = 40m, method = "check", claims = new[] { new { claimId = first.Text("id"), paid = 40m, final = true } },
        }, Ct);

        var response = await biller.Client.VoidAsync(first.Text("invoiceId"));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "claim-paid");
    }

    [Fact]
    public async Task ClaimsByStatus_CountsSubmittedClaims()
    {
        var (_, biller, _, _) = await TwoSubmittedClaimsAsync(NewPayer());

        var report = await biller.Client.GetFromJsonAsync<JsonElement>("/api/v1/billing/claims-by-status", Ct);

        var submitted = report.EnumerateArray().Single(r => r.Text("status") == "submitted");
        Assert.True(submitted.GetProperty("claims").GetInt32() >= 2);
        Assert.Equal(["incomplete", "ready", "submitted", "paid", "denied", "void"], report.EnumerateArray().Select(r => r.Text("status")));
    }

    [Fact]
    public async Task Superbill_ListsTheClientsSessionsOfThePeriod_WithDiagnosesAndThePracticesNpi()
    {
        await app.SetUpClaimsAsync();
        var group = await app.InsuredGroupAsync(new { mode = "selfPay", diagnosisCodes = new[] { "F41.1" } });
        await group.Http.BookOneAsync(group.Session(BillingApi.At(app, -7, hour: 9)));
        await group.Http.BookOneAsync(group.Session(BillingApi.At(app, 0, hour: 9)));
        var biller = await app.StaffAsync("Biller");

        var superbill = await biller.Client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/clients/{group.Members[0]}/superbill?from={app.Day(-30)}&to={app.Day(0)}", Ct);

        Assert.Equal(PracticeNpi, superbill.Text("npi"));
        Assert.Equal("F41.1", Assert.Single(superbill.GetProperty("diagnosisCodes").EnumerateArray()).GetString());
        Assert.Equal(2, superbill.GetProperty("lines").GetArrayLength());
        Assert.Equal(120.00m, superbill.Money("totalFees"));
        Assert.All(superbill.GetProperty("lines").EnumerateArray(), l => Assert.Equal(ClinicianNpi, l.Text("renderingNpi")));
    }
}

public sealed class PayerPaymentSqliteTests(SqliteApp app) : PayerPaymentTests(app), IClassFixture<SqliteApp>;

public sealed class PayerPaymentPostgresTests(PostgresApp app) : PayerPaymentTests(app), IClassFixture<PostgresApp>;
