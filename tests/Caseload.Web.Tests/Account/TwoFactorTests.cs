using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Web.Tests.Account;

public abstract class TwoFactorTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_WithTwoFactorOnAndNoCode_Is401TwoFactorRequired()
    {
        var (email, _, _) = await app.StaffWithTwoFactorAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = CaseloadApp.Password }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "two-factor-required");
    }

    [Fact]
    public async Task Login_WithAWrongCode_Is401()
    {
        var (email, key, _) = await app.StaffWithTwoFactorAsync();
        var wrong = ((int.Parse(Totp.Code(key, app.Time.GetUtcNow()), System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email, password = CaseloadApp.Password, twoFactorCode = wrong }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Login_WithTheCurrentCode_ReturnsABearerToken()
    {
        var (email, key, _) = await app.StaffWithTwoFactorAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email, password = CaseloadApp.Password, twoFactorCode = Totp.Code(key, app.Time.GetUtcNow()) }, Ct);

        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));
    }

    [Fact]
    public async Task Login_WithTheCodeOfTenMinutesAgo_Is401()
    {
        var (email, key, _) = await app.StaffWithTwoFactorAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email, password = CaseloadApp.Password, twoFactorCode = Totp.Code(key, app.Time.GetUtcNow().AddMinutes(-10)) }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_WithARecoveryCode_WorksOnce()
    {
        var (email, _, recoveryCodes) = await app.StaffWithTwoFactorAsync();
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
        var (email, key, _) = await app.StaffWithTwoFactorAsync();
        var browser = app.CreateClient(new() { AllowAutoRedirect = false });

        var afterPassword = await CookieSignIn.PostPasswordAsync(browser, email);
        Assert.Equal(HttpStatusCode.Redirect, afterPassword.StatusCode);
        Assert.StartsWith("/Account/LoginCode", afterPassword.Headers.Location?.OriginalString, StringComparison.Ordinal);

        var afterCode = await CookieSignIn.PostFormAsync(browser, "/Account/LoginCode", new() { ["Code"] = Totp.Code(key, app.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.Redirect, afterCode.StatusCode);
        Assert.Equal("/", afterCode.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task Login_WithAWrongCode_IsAuditedAsAFailedSignInOfThatUser()
    {
        var (email, key, _) = await app.StaffWithTwoFactorAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email, password = CaseloadApp.Password, twoFactorCode = WrongCode(key) }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("wrong two-factor code: " + email, Assert.Single(await FailedSignInsOfAsync(email)).Detail);
    }

    [Fact]
    public async Task Login_WithAWrongRecoveryCode_IsAuditedAsAFailedSignInOfThatUser()
    {
        var (email, _, _) = await app.StaffWithTwoFactorAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email, password = CaseloadApp.Password, twoFactorRecoveryCode = "NOTACODE" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("wrong recovery code: " + email, Assert.Single(await FailedSignInsOfAsync(email)).Detail);
    }

    [Fact]
    public async Task SignInPage_WithAWrongCode_IsAuditedAsAFailedSignInOfThatUser()
    {
        var (email, key, _) = await app.StaffWithTwoFactorAsync();
        var browser = app.CreateClient(new() { AllowAutoRedirect = false });
        await CookieSignIn.PostPasswordAsync(browser, email);

        var afterCode = await CookieSignIn.PostFormAsync(browser, "/Account/LoginCode", new() { ["Code"] = WrongCode(key) });

        Assert.Equal(HttpStatusCode.OK, afterCode.StatusCode);
        var failed = Assert.Single(await FailedSignInsOfAsync(email));
        Assert.Equal((AuditEntities.User, "refused"), (failed.EntityType, failed.Outcome));
    }

    private string WrongCode(string key) => app.WrongCode(key);

    /// <summary>The sign-in-failed entries written for the user with this email.</summary>
    private async Task<List<AuditEntry>> FailedSignInsOfAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
        return await db.AuditEntries.AsNoTracking().Where(e => e.UserId == userId && e.Action == AuditActions.SignInFailed).ToListAsync(Ct);
    }
}

public sealed class TwoFactorSqliteTests(SqliteApp app) : TwoFactorTests(app), IClassFixture<SqliteApp>;

public sealed class TwoFactorPostgresTests(PostgresApp app) : TwoFactorTests(app), IClassFixture<PostgresApp>;

/// <summary>Staff with two-factor on, and codes that are not theirs.</summary>
internal static class TwoFactorStaff
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new staff user who turned two-factor on through the Identity API, with the shared key and recovery codes.</summary>
    public static async Task<(string Email, string Key, string[] RecoveryCodes)> StaffWithTwoFactorAsync(this CaseloadApp app)
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

    /// <summary>A code one off the current one: never accepted.</summary>
    public static string WrongCode(this CaseloadApp app, string key) =>
        ((int.Parse(Totp.Code(key, app.Time.GetUtcNow()), System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000)
            .ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
