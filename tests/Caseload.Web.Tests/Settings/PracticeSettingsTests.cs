using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Settings;

public abstract class PracticeSettingsTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Settings(string timeZone = "America/Chicago", decimal fee = 40.5m, int[]? leads = null) => new
    {
        name = "Lakeside Therapy",
        timeZone,
        currency = "USD",
        phone = "555-0100",
        missedSessionFee = fee,
        reminderLeadTimesHours = leads ?? [24, 2],
    };

    [Fact]
    public async Task Put_ByAnAdministrator_SavesAndGetReturnsIt()
    {
        var admin = await app.AdminAsync();

        var put = await admin.PutAsJsonAsync("/api/v1/practice", Settings(), Ct);
        var practice = await admin.GetFromJsonAsync<JsonElement>("/api/v1/practice", Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Lakeside Therapy", practice.GetProperty("name").GetString());
        Assert.Equal("America/Chicago", practice.GetProperty("timeZone").GetString());
        Assert.Equal(40.50m, practice.GetProperty("missedSessionFee").GetDecimal());
        Assert.Equal([24, 2], practice.GetProperty("reminderLeadTimesHours").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task Get_ByAnySignedInStaff_ShowsTheDefaultsOfANewPractice()
    {
        var biller = await app.StaffAsync("Biller");

        var practice = await biller.Client.GetFromJsonAsync<JsonElement>("/api/v1/practice", Ct);

        Assert.Equal("USD", practice.GetProperty("currency").GetString());
        Assert.Equal(3, practice.GetProperty("currency").GetString()!.Length);
    }

    [Fact]
    public async Task Put_WithAnUnknownTimeZone_Is400NamingTimeZone()
    {
        var admin = await app.AdminAsync();

        var response = await admin.PutAsJsonAsync("/api/v1/practice", Settings(timeZone: "Mars/Olympus_Mons"), Ct);

        await response.AssertFieldErrorAsync("timeZone");
    }

    [Fact]
    public async Task Put_WithANegativeFeeAndBadLeadTimes_NamesBothFieldsAndSavesNothing()
    {
        var admin = await app.AdminAsync();
        var before = await admin.GetStringAsync("/api/v1/practice", Ct);

        var response = await admin.PutAsJsonAsync("/api/v1/practice", Settings(fee: -1m, leads: [0, 2]), Ct);

        var body = await response.AssertFieldErrorAsync("missedSessionFee");
        Assert.True(body.GetProperty("errors").TryGetProperty("reminderLeadTimesHours", out _));
        Assert.Equal(before, await admin.GetStringAsync("/api/v1/practice", Ct));
    }

    [Fact]
    public async Task Put_WithAFieldOfTheWrongType_Is400NamingTheField()
    {
        var admin = await app.AdminAsync();
        using var content = new StringContent(
            """{"name":"X","timeZone":"America/Chicago","currency":"USD","missedSessionFee":"lots","reminderLeadTimesHours":[2]}""",
            Encoding.UTF8, "application/json");

        var response = await admin.PutAsync("/api/v1/practice", content, Ct);

        await response.AssertFieldErrorAsync("missedSessionFee");
    }

    [Fact]
    public async Task Put_WithMalformedJson_Is400ProblemDetails()
    {
        var admin = await app.AdminAsync();
        using var content = new StringContent("{\"name\": ", Encoding.UTF8, "application/json");

        var response = await admin.PutAsync("/api/v1/practice", content, Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Clinician")]
    [InlineData("Biller")]
    public async Task Put_ByAnyoneButAnAdministrator_Is403(string role)
    {
        var staff = await app.StaffAsync(role);

        var response = await staff.Client.PutAsJsonAsync("/api/v1/practice", Settings(), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}

public sealed class PracticeSettingsSqliteTests(SqliteApp app) : PracticeSettingsTests(app), IClassFixture<SqliteApp>;

public sealed class PracticeSettingsPostgresTests(PostgresApp app) : PracticeSettingsTests(app), IClassFixture<PostgresApp>;
