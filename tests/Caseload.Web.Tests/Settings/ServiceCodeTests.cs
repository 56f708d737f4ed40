using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Settings;

public abstract class ServiceCodeTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> CodeAsync(HttpClient http, string code) =>
        (await http.GetFromJsonAsync<JsonElement>("/api/v1/service-codes", Ct)).EnumerateArray()
            .Single(s => s.GetProperty("code").GetString() == code);

    /// <summary>The body of <c>PUT /api/v1/service-codes/{code}</c>; a null description keeps the current one.</summary>
    private static object Change(decimal fee, int defaultMinutes = 90, string? description = null) =>
        new { description, defaultMinutes, fee };

    [Fact]
    public async Task Get_ListsTheSeededBehaviouralHealthCodes()
    {
        var admin = await app.AdminAsync();

        var codes = await admin.GetFromJsonAsync<JsonElement>("/api/v1/service-codes", Ct);

        var listed = codes.EnumerateArray().Select(s => s.GetProperty("code").GetString()).ToList();
        Assert.Subset(listed.ToHashSet(), new HashSet<string?> { "90853", "90847", "90791", "90832", "90834", "90837", "90846" });
    }

    [Theory]
    [InlineData("90853")]
    [InlineData("90847")]
    [InlineData("90791")]
    [InlineData("90846")]
    public async Task Get_GivesEachCodeADescriptionALengthAndAFee(string code)
    {
        var admin = await app.AdminAsync();

        var serviceCode = await CodeAsync(admin, code);

        Assert.False(string.IsNullOrWhiteSpace(serviceCode.GetProperty("description").GetString()));
        Assert.InRange(serviceCode.GetProperty("defaultMinutes").GetInt32(), 5, 480);
        Assert.True(serviceCode.GetProperty("fee").GetDecimal() > 0m);
    }

    [Theory]
    [InlineData("90832", 30)]
    [InlineData("90834", 45)]
    [InlineData("90837", 60)]
    public async Task Get_TimedPsychotherapyCodes_DefaultToTheirNominalLength(string code, int minutes)
    {
        var admin = await app.AdminAsync();

        var serviceCode = await CodeAsync(admin, code);

        Assert.Equal(minutes, serviceCode.GetProperty("defaultMinutes").GetInt32());
    }

    /// <remarks>API.md: "Money is a JSON number with two decimals."</remarks>
    [Fact]
    public async Task Get_WritesEveryFeeWithTwoDecimals()
    {
        var admin = await app.AdminAsync();

        var codes = await admin.GetFromJsonAsync<JsonElement>("/api/v1/service-codes", Ct);

        Assert.All(codes.EnumerateArray(), s => Assert.Matches(@"^\d+\.\d\d$", s.GetProperty("fee").GetRawText()));
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Clinician")]
    [InlineData("Biller")]
    public async Task Get_ByAnySignedInStaff_Is200(string role)
    {
        var staff = await app.StaffAsync(role);

        var response = await staff.Client.GetAsync("/api/v1/service-codes", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_WhenNotSignedIn_Is401()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/service-codes", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Put_ByAnAdministrator_ChangesTheFee()
    {
        var admin = await app.AdminAsync();

        var response = await admin.PutAsJsonAsync("/api/v1/service-codes/90853", Change(fee: 72.50m), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(72.50m, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("fee").GetDecimal());
        Assert.Equal(72.50m, (await CodeAsync(admin, "90853")).GetProperty("fee").GetDecimal());
    }

    /// <remarks>API.md: "Money is a JSON number with two decimals."</remarks>
    [Fact]
    public async Task Put_AnswersWithTheFeeInTwoDecimals()
    {
        var admin = await app.AdminAsync();

        var response = await admin.PutAsJsonAsync("/api/v1/service-codes/90846", Change(fee: 145m, defaultMinutes: 50), Ct);

        Assert.Equal("145.00", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("fee").GetRawText());
    }

    [Fact]
    public async Task Put_ByAnAdministrator_ChangesDescriptionAndLength()
    {
        var admin = await app.AdminAsync();

        await admin.PutAsJsonAsync("/api/v1/service-codes/90847", Change(fee: 150m, defaultMinutes: 55, description: "Family session with the client"), Ct);

        var serviceCode = await CodeAsync(admin, "90847");
        Assert.Equal("Family session with the client", serviceCode.GetProperty("description").GetString());
        Assert.Equal(55, serviceCode.GetProperty("defaultMinutes").GetInt32());
    }

    [Fact]
    public async Task Put_RoundsTheFeeToCents()
    {
        var admin = await app.AdminAsync();

        await admin.PutAsJsonAsync("/api/v1/service-codes/90834", Change(fee: 130.555m, defaultMinutes: 45), Ct);

        Assert.Equal(130.56m, (await CodeAsync(admin, "90834")).GetProperty("fee").GetDecimal());
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Clinician")]
    [InlineData("Biller")]
    public async Task Put_ByAnyoneButAnAdministrator_Is403AndTheFeeStays(string role)
    {
        var staff = await app.StaffAsync(role);
        var admin = await app.AdminAsync();
        var before = (await CodeAsync(admin, "90837")).GetProperty("fee").GetDecimal();

        var response = await staff.Client.PutAsJsonAsync("/api/v1/service-codes/90837", Change(fee: before + 1m, defaultMinutes: 60), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(before, (await CodeAsync(admin, "90837")).GetProperty("fee").GetDecimal());
    }

    [Fact]
    public async Task Put_WithANegativeFee_Is400NamingFeeAndTheFeeStays()
    {
        var admin = await app.AdminAsync();
        var before = (await CodeAsync(admin, "90832")).GetProperty("fee").GetDecimal();

        var response = await admin.PutAsJsonAsync("/api/v1/service-codes/90832", Change(fee: -1m, defaultMinutes: 30), Ct);

        await response.AssertFieldErrorAsync("fee");
        Assert.Equal(before, (await CodeAsync(admin, "90832")).GetProperty("fee").GetDecimal());
    }

    [Fact]
    public async Task Put_WithALengthOfZeroMinutes_Is400NamingDefaultMinutes()
    {
        var admin = await app.AdminAsync();

        var response = await admin.PutAsJsonAsync("/api/v1/service-codes/90791", Change(fee: 200m, defaultMinutes: 0), Ct);

        await response.AssertFieldErrorAsync("defaultMinutes");
    }

    [Fact]
    public async Task Put_AnUnknownCode_Is404()
    {
        var admin = await app.AdminAsync();

        var response = await admin.PutAsJsonAsync("/api/v1/service-codes/99999", Change(fee: 10m), Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}

public sealed class ServiceCodeSqliteTests(SqliteApp app) : ServiceCodeTests(app), IClassFixture<SqliteApp>;

public sealed class ServiceCodePostgresTests(PostgresApp app) : ServiceCodeTests(app), IClassFixture<PostgresApp>;
