using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Billing;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using static Caseload.Web.Tests.Insurance.InsuranceApi;

namespace Caseload.Web.Tests.Insurance;

/// <summary>An 835 posted: paid, partly paid with a deductible and a contractual write-off, denied, unmatched; applied twice; payer ageing before and after.</summary>
public abstract class RemittanceTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A payer of its own, so this test's ageing is not mixed with other tests' claims.</summary>
    private static string NewPayer() => "Harbor Mutual " + Guid.NewGuid().ToString("N")[..8];

    private static object CoveredBy(string payer, decimal copay) => new
    {
        mode = "insurance", payer, memberId = BillingApi.UniqueMemberId(), copay, payerId = PayerId, subscriberRelationship = "self",
        diagnosisCodes = new[] { "F33.1" },
    };

    [Fact]
    public async Task Remittance_PostsPaidPartialAndDenied_KeepsTheUnmatched_AndTheSecondTimeChangesNothing()
    {
        await app.SetUpClaimsAsync();
        var payer = NewPayer();
        var group = await app.InsuredGroupAsync(CoveredBy(payer, 0m), CoveredBy(payer, 0m), CoveredBy(payer, 0m));
        await group.Http.BookOneAsync(group.Session(BillingApi.At(app, -40, hour: 9)));
        var biller = await app.StaffAsync("Biller");
        var paid = await biller.Client.OnlyClaimAsync(group.Members[0]);
        var partial = await biller.Client.OnlyClaimAsync(group.Members[1]);
        var denied = await biller.Client.OnlyClaimAsync(group.Members[2]);
        await biller.Client.SendAsync(paid.Text("id"), partial.Text("id"), denied.Text("id"));
        var before = await biller.Client.PayerOwesAsync(payer);
        var era = Era.Write(payer, "EFT-" + Guid.NewGuid().ToString("N")[..10], 70m, 777,
            new Clp(paid.Text("number"), "1", 60m, 60m, 0m),
            new Clp(partial.Text("number"), "1", 60m, 10m, 30m, ("PR", "1", 30m), ("CO", "45", 20m)),
            new Clp(denied.Text("number"), "4", 60m, 0m, 0m, ("CO", "50", 60m)),
            new Clp("C0000UNKNOWN0000", "1", 80m, 0m, 0m, ("CO", "45", 80m)));

        var first = await biller.Client.RemitAsync(era);
        var second = await biller.Client.RemitAsync(era);

        Assert.Equal(180.00m, before);
        var applied = first.GetProperty("applied").EnumerateArray().ToDictionary(a => a.Text("claimId"));
        Assert.Equal(3, applied.Count);
        Assert.Equal(60.00m, applied[paid.Text("id")].Money("paid"));
        Assert.Equal(30.00m, applied[partial.Text("id")].Money("patientResponsibility"));
        Assert.Contains(applied[partial.Text("id")].GetProperty("adjustments").EnumerateArray(),
            a => a.Text("group") == "CO" && a.Text("reason") == "45" && a.Money("amount") == 20.00m);
        var unmatched = Assert.Single(first.GetProperty("unmatched").EnumerateArray());
        Assert.Equal("C0000UNKNOWN0000", unmatched.Text("claimRef"));

        Assert.True(second.GetProperty("alreadyApplied").GetBoolean());
        Assert.Empty(second.GetProperty("applied").EnumerateArray());
        Assert.Empty(second.GetProperty("unmatched").EnumerateArray());

        Assert.Equal("paid", (await biller.Client.OnlyClaimAsync(group.Members[0])).Text("status"));
        var partialAfter = await biller.Client.OnlyClaimAsync(group.Members[1]);
        Assert.Equal("paid", partialAfter.Text("status"));
        Assert.Equal(10.00m, partialAfter.Money("paid"));
        Assert.Equal(20.00m, partialAfter.Money("adjusted"));
        Assert.Equal("denied", (await biller.Client.OnlyClaimAsync(group.Members[2])).Text("status"));
        Assert.Equal(0.00m, await biller.Client.PayerOwesAsync(payer));
        Assert.Equal(30.00m, (await biller.Client.LedgerAsync(group.Members[1])).Money("owed"));
        Assert.Equal(0.00m, (await biller.Client.LedgerAsync(group.Members[0])).Money("owed"));
        var review = await biller.Client.GetFromJsonAsync<JsonElement>("/api/v1/remittances/unmatched", Ct);
        Assert.Single(review.EnumerateArray(), u => u.Text("claimRef") == "C0000UNKNOWN0000");
    }

    [Fact]
    public async Task PayerAgeing_ShrinksAsAPartOfTheClaimsArePaid()
    {
        await app.SetUpClaimsAsync();
        var payer = NewPayer();
        var group = await app.InsuredGroupAsync(CoveredBy(payer, 20m), CoveredBy(payer, 20m));
        await group.Http.BookOneAsync(group.Session(BillingApi.At(app, 0, hour: 9)));
        var biller = await app.StaffAsync("Biller");
        var first = await biller.Client.OnlyClaimAsync(group.Members[0]);
        var second = await biller.Client.OnlyClaimAsync(group.Members[1]);
        await biller.Client.SendAsync(first.Text("id"), second.Text("id"));
        var before = await biller.Client.PayerOwesAsync(payer);

        await biller.Client.RemitAsync(Era.Write(payer, "EFT-" + Guid.NewGuid().ToString("N")[..10], 40m, 778,
            new Clp(first.Text("number"), "1", 60m, 40m, 20m, ("PR", "3", 20m))));

        Assert.Equal(80.00m, before);
        Assert.Equal(40.00m, await biller.Client.PayerOwesAsync(payer));
        Assert.Equal(20.00m, (await biller.Client.LedgerAsync(group.Members[0])).Money("owed"));
    }

    [Fact]
    public async Task Remittance_ThatIsNotAnX12File_Is400()
    {
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.PostRemittanceAsync("this is not an 835");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
    }

    [Fact]
    public async Task Remittance_PostedByAClinician_Is403()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PostRemittanceAsync(Era.Write("Any Payer", "T1", 0m, 1));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}

public sealed class RemittanceSqliteTests(SqliteApp app) : RemittanceTests(app), IClassFixture<SqliteApp>;

public sealed class RemittancePostgresTests(PostgresApp app) : RemittanceTests(app), IClassFixture<PostgresApp>;
