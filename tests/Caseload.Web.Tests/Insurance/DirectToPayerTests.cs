using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Domain.Insurance;
using Caseload.Web.Tests.Billing;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using static Caseload.Web.Tests.Insurance.InsuranceApi;

namespace Caseload.Web.Tests.Insurance;

/// <summary>
/// A practice with no clearinghouse sends one payer's claims straight to that payer, under its tax id; claims for
/// several payers at once need a clearinghouse, and the refusal names it.
/// </summary>
public abstract class DirectToPayerTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task WithoutClearinghouseAsync()
    {
        await app.SetUpClaimsAsync();
        using var admin = await app.AdminAsync();
        var practice = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/practice", Ct))!;
        practice["clearinghouse"] = new JsonObject { ["name"] = null, ["receiverId"] = null, ["submitterId"] = null, ["production"] = false };
        var response = await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task WithoutAClearinghouse_OnePayersClaims_GoToThePayer_UnderThePracticesTaxId()
    {
        await WithoutClearinghouseAsync();
        var group = await app.InsuredGroupAsync(Covered(), Covered());
        await group.Http.BookOneAsync(group.Session(BillingApi.At(app, 0, hour: 11)));
        var biller = await app.StaffAsync("Biller");
        var claims = new List<string>();
        foreach (var member in group.Members)
        {
            claims.Add((await biller.Client.OnlyClaimAsync(member)).Text("id"));
        }

        var (_, file) = await biller.Client.SendAsync([.. claims]);

        var interchange = X12Parser.Parse(file).Value;
        Assert.Equal("123456789", interchange.Header[6].Trim());
        Assert.Equal(PayerId, interchange.Header[8].Trim());
        var body = Assert.Single(Assert.Single(interchange.Groups).TransactionSets).Body.ToList();
        Assert.Equal(PayerId, body.Single(s => s.Id == "NM1" && s[1] == "40")[9]);
    }

    [Fact]
    public async Task WithoutAClearinghouse_ClaimsForTwoPayers_Are409NamingTheClearinghouse()
    {
        await WithoutClearinghouseAsync();
        var group = await app.InsuredGroupAsync(Covered(), Covered(payerId: "OTHER2"));
        await group.Http.BookOneAsync(group.Session(BillingApi.At(app, 0, hour: 13)));
        var biller = await app.StaffAsync("Biller");
        var first = (await biller.Client.OnlyClaimAsync(group.Members[0])).Text("id");
        var second = (await biller.Client.OnlyClaimAsync(group.Members[1])).Text("id");

        var response = await biller.Client.BatchAsync(first, second);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "claim-incomplete");
        Assert.True(problem.GetProperty("errors").TryGetProperty("clearinghouse.receiverId", out _), problem.ToString());
    }
}

public sealed class DirectToPayerSqliteTests(SqliteApp app) : DirectToPayerTests(app), IClassFixture<SqliteApp>;

public sealed class DirectToPayerPostgresTests(PostgresApp app) : DirectToPayerTests(app), IClassFixture<PostgresApp>;
