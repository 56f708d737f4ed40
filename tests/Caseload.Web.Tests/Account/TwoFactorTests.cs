using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Account;

public abstract class TwoFactorTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_WithTwoFactorOnAndNoCode_Is401TwoFactorRequired()
    {
        var (email, _, _) = await StaffWithTwoFactorAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = CaseloadApp.Password }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "two-factor-required");
    }

    [Fact]
    public async Task Login_WithAWrongCode_Is401()
    {
        var (email, key, _) = await StaffWithTwoFactorAsync();
        var wrong = ((int.Parse(Totp.Code(key, app.Time.GetUtcNow()), System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email, password = CaseloadApp.Password, twoFactorCode = wrong }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Login_WithTheCurrentCode_ReturnsABearerToken()
    {
        var (email, key, _) = await StaffWithTwoFactorAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email, password = CaseloadApp.Password, twoFactorCode = Totp.Code(key, app.Time.GetUtcNow()) }, Ct);

        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));
    }

    [Fact]
    public async Task Login_WithTheCodeOfTenMinutesAgo_Is401()
    {
        var (email, key, _) = await StaffWithTwoFactorAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email, password = CaseloadApp.Password, twoFactorCode = Totp.Code(key, app.Time.GetUtcNow().AddMinutes(-10)) }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_WithARecoveryCode_WorksOnce()
    {
        var (email, _, recoveryCodes) = await StaffWithTwoFactorAsync();
        var client = app.CreateClient();
        var body = new { email, password = CaseloadApp.Password, twoFactorRecoveryCode = recoveryCodes[0] };

        var first = await client.PostAsJsonAsync("/api/v1/auth/login", body, Ct);
        var second = await client.PostAsJsonAsync("/api/v1/auth/login", body, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
    }

    [Fact]
    public async Task SignInPage_WithTwoFactorOn_AsksForTheCodeAndThenSignsIn()
    {
        var (email, key, _) = await StaffWithTwoFactorAsync();
        var browser = app.CreateClient(new() { AllowAutoRedirect = false });

        var afterPassword = await CookieSignIn.PostPasswordAsync(browser, email);
        Assert.Equal(HttpStatusCode.Redirect, afterPassword.StatusCode);
        Assert.StartsWith("/Account/LoginCode", afterPassword.Headers.Location?.OriginalString, StringComparison.Ordinal);

        var afterCode = await CookieSignIn.PostFormAsync(browser, "/Account/LoginCode", new() { ["Code"] = Totp.Code(key, app.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.Redirect, afterCode.StatusCode);
        Assert.Equal("/", afterCode.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", Ct)).StatusCode);
    }

    /// <summary>A new staff user who turned two-factor on through the Identity API, with the shared key and recovery codes.</summary>
    private async Task<(string Email, string Key, string[] RecoveryCodes)> StaffWithTwoFactorAsync()
    {
        var staff = await app.StaffAsync("Clinician");
        var setup = await (await staff.Client.PostAsJsonAsync("/api/v1/auth/manage/2fa", new { }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var key = setup.GetProperty("sharedKey").GetString()!;
        var enabled = await staff.Client.PostAsJsonAsync("/api/v1/auth/manage/2fa",
            new { enable = true, twoFactorCode = Totp.Code(key, app.Time.GetUtcNow()) }, Ct);
        enabled.EnsureSuccessStatusCode();
        var codes = (await enabled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        return (staff.Email, key, codes);
    }
}

public sealed class TwoFactorSqliteTests(SqliteApp app) : TwoFactorTests(app), IClassFixture<SqliteApp>;

public sealed class TwoFactorPostgresTests(PostgresApp app) : TwoFactorTests(app), IClassFixture<PostgresApp>;
