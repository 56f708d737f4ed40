using System.Globalization;
using System.Net;
using Caseload.Domain.Insurance;
using Caseload.Web.Tests.Billing;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using static Caseload.Web.Tests.Insurance.InsuranceApi;

namespace Caseload.Web.Tests.Insurance;

/// <summary>Batches and their 837P: the file read back segment by segment, claims submitted, and no missed-session charge ever in one (rule 7).</summary>
public abstract class ClaimBatchTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static decimal Number(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public async Task GroupSessionOfFiveInsuredMembers_Is837PWithRightEnvelopesTotalsAndPointers()
    {
        await app.SetUpClaimsAsync();
        var group = await app.InsuredGroupAsync(
            Covered(diagnoses: ["F33.1", "F41.1"]), Covered(diagnoses: ["F43.10"]), Covered(diagnoses: ["F32.A", "F41.1", "Z63.0", "F10.20", "F17.210"]),
            Covered(copay: 0m, diagnoses: ["F90.0"]), Covered(copay: 75m, diagnoses: ["F60.3", "F33.1"]));
        await group.Http.BookOneAsync(group.Session(BillingApi.At(app, 0, hour: 9)));
        var biller = await app.StaffAsync("Biller");
        var claims = new List<System.Text.Json.JsonElement>();
        foreach (var member in group.Members)
        {
            claims.Add(await biller.Client.OnlyClaimAsync(member));
        }

        var (batchId, file) = await biller.Client.SendAsync([.. claims.Select(c => c.Text("id"))]);

        var parsed = X12Parser.Parse(file);
        Assert.True(parsed.Succeeded, parsed.First?.Message);
        var interchange = parsed.Value;
        Assert.Equal(int.Parse(batchId, CultureInfo.InvariantCulture), int.Parse(interchange.Header[13], CultureInfo.InvariantCulture));
        Assert.Equal("T", interchange.Header[15]);
        Assert.Equal(interchange.Header[13], interchange.Trailer[2]);
        Assert.Equal("1", interchange.Trailer[1]);
        var functionalGroup = Assert.Single(interchange.Groups);
        Assert.Equal("HC", functionalGroup.Header[1]);
        Assert.Equal(Claim837PWriter.Version, functionalGroup.Header[8]);
        Assert.Equal("1", functionalGroup.Trailer[1]);
        Assert.Equal(functionalGroup.Header[6], functionalGroup.Trailer[2]);
        var set = Assert.Single(functionalGroup.TransactionSets);
        Assert.Equal("837", set.Code);
        var se = set.Segments[^1];
        Assert.Equal(set.Segments.Count, int.Parse(se[1], CultureInfo.InvariantCulture));
        Assert.Equal(set.Segments[0][2], se[2]);

        var body = set.Body.ToList();
        Assert.Equal(PracticeNpi, body.Single(s => s.Id == "NM1" && s[1] == "85")[9]);
        Assert.Equal("123456789", body.Single(s => s.Id == "REF" && s[1] == "EI")[2]);
        var clmIndexes = body.Select((s, i) => (s, i)).Where(x => x.s.Id == "CLM").Select(x => x.i).ToList();
        Assert.Equal(5, clmIndexes.Count);
        Assert.Equal(claims.Select(c => c.Text("number")).Order(), clmIndexes.Select(i => body[i][1]).Order());
        for (var n = 0; n < clmIndexes.Count; n++)
        {
            var end = n + 1 < clmIndexes.Count ? clmIndexes[n + 1] : body.Count;
            var loop = body.Skip(clmIndexes[n]).Take(end - clmIndexes[n]).ToList();
            var clm = loop[0];
            var lines = loop.Where(s => s.Id == "SV1").ToList();
            Assert.Equal(Number(clm[2]), lines.Sum(l => Number(l[2])));
            Assert.Equal("11", clm.Component(5, 1));
            var hi = loop.Single(s => s.Id == "HI");
            Assert.StartsWith("ABK:", hi[1], StringComparison.Ordinal);
            var codes = hi.Elements.Count;
            foreach (var line in lines)
            {
                Assert.Equal("HC", line.Component(1, 1));
                Assert.Equal("90853", line.Component(1, 2));
                var pointers = line[7].Split(':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
                Assert.NotEmpty(pointers);
                Assert.InRange(pointers.Count, 1, 4);
                Assert.All(pointers, p => Assert.InRange(p, 1, codes));
            }

            Assert.Equal(ClinicianNpi, loop.Single(s => s.Id == "NM1" && s[1] == "82")[9]);
        }

        var claimNumber = claims[2].Text("number");
        var third = clmIndexes.Single(i => body[i][1] == claimNumber);
        var thirdHi = body.Skip(third).First(s => s.Id == "HI");
        Assert.Equal(["ABK:F32A", "ABF:F411", "ABF:Z630", "ABF:F1020", "ABF:F17210"], thirdHi.Elements);
        Assert.Equal("1:2:3:4", body.Skip(third).First(s => s.Id == "SV1")[7]);
        Assert.All(await biller.Client.ClaimsAsync(), c => Assert.True(
            !group.Members.Contains(c.Text("clientId")) || c.Text("status") == "submitted", c.ToString()));
    }

    [Fact]
    public async Task MissedSessionCharge_CanNeverReachABatch_Rule7()
    {
        await app.SetUpClaimsAsync();
        var group = await app.InsuredGroupAsync(Covered(), Covered());
        var appointment = await group.Http.BookOneAsync(group.Session(BillingApi.At(app, 0, hour: 9)));
        var biller = await app.StaffAsync("Biller");
        var voided = await biller.Client.OnlyClaimAsync(group.Members[1]);
        Assert.Equal(HttpStatusCode.OK, (await group.Http.MarkMissedAsync(appointment.Id(), group.Members[1], "No-show", 45m)).StatusCode);
        var attended = await biller.Client.OnlyClaimAsync(group.Members[0]);

        var withVoided = await biller.Client.BatchAsync(attended.Text("id"), voided.Text("id"));
        var (_, file) = await biller.Client.SendAsync(attended.Text("id"));

        await withVoided.AssertProblemAsync(HttpStatusCode.Conflict, "claim-not-open");
        Assert.Equal("void", Assert.Single(await biller.Client.ClaimsAsync(group.Members[1])).Text("status"));
        var missedInvoice = Assert.Single(await biller.Client.InvoicesAsync(clientId: group.Members[1]), i => i.Text("kind") == "missed");
        Assert.DoesNotContain(await biller.Client.ClaimsAsync(), c => c.Text("invoiceId") == missedInvoice.Text("id"));
        var clm = Assert.Single(X12Parser.Parse(file).Value.TransactionSets.Single().Body, s => s.Id == "CLM");
        Assert.Equal(attended.Text("number"), clm[1]);
    }

    [Fact]
    public async Task ClaimAlreadyInABatch_IsRefusedForAnother_409()
    {
        await app.SetUpClaimsAsync();
        var group = await app.InsuredGroupAsync(Covered());
        await group.Http.BookOneAsync(group.Session(BillingApi.At(app, 0, hour: 9)));
        var biller = await app.StaffAsync("Biller");
        var claim = await biller.Client.OnlyClaimAsync(group.Members[0]);
        await biller.Client.SendAsync(claim.Text("id"));

        var again = await biller.Client.BatchAsync(claim.Text("id"));

        await again.AssertProblemAsync(HttpStatusCode.Conflict, "claim-not-open");
    }

    [Fact]
    public async Task DownloadingABatchTwice_ServesTheSameFile()
    {
        await app.SetUpClaimsAsync();
        var group = await app.InsuredGroupAsync(Covered());
        await group.Http.BookOneAsync(group.Session(BillingApi.At(app, 0, hour: 9)));
        var biller = await app.StaffAsync("Biller");
        var claim = await biller.Client.OnlyClaimAsync(group.Members[0]);
        var (batchId, first) = await biller.Client.SendAsync(claim.Text("id"));

        var second = await biller.Client.GetStringAsync($"/api/v1/claims/batches/{batchId}/837p", Ct);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task BatchOfNoClaims_Is400NamingClaimIds()
    {
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.BatchAsync();

        await response.AssertFieldErrorAsync("claimIds");
    }
}

public sealed class ClaimBatchSqliteTests(SqliteApp app) : ClaimBatchTests(app), IClassFixture<SqliteApp>;

public sealed class ClaimBatchPostgresTests(PostgresApp app) : ClaimBatchTests(app), IClassFixture<PostgresApp>;
