using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caseload.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Web.Tests.Account;

/// <summary>The practice's sign-in rules: two-factor required, and the idle time after which a session ends.</summary>
public abstract class SignInRuleTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Practice_ByDefault_SignsOutAfter15IdleMinutesWithoutRequiringTwoFactor()
    {
        using var admin = await app.AdminAsync();

        var practice = await admin.GetFromJsonAsync<JsonElement>("/api/v1/practice", Ct);

        Assert.Equal(15, practice.GetProperty("idleMinutes").GetInt32());
        Assert.False(practice.GetProperty("requireTwoFactor").GetBoolean());
    }

    [Fact]
    public async Task Practice_WithAnIdleTimeOfOneMinute_Is400NamingIdleMinutes()
    {
        using var admin = await app.AdminAsync();

        var response = await PutPracticeAsync(admin, p => p["idleMinutes"] = 1);

        await response.AssertFieldErrorAsync("idleMinutes");
    }

    [Fact]
    public async Task Cookie_AfterTheIdleTimeWithoutARequest_NoLongerSignsIn()
    {
        var staff = await app.StaffAsync("Clinician");
        var browser = app.CreateClient(new() { AllowAutoRedirect = false });
        await CookieSignIn.PostPasswordAsync(browser, staff.Email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Clients", Ct)).StatusCode);

        app.Time.Advance(TimeSpan.FromMinutes(16));
        var response = await browser.GetAsync("/Clients", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookie_UsedWithinTheIdleTime_IsRenewedForAnotherIdleTime()
    {
        var staff = await app.StaffAsync("Clinician");
        var browser = app.CreateClient(new() { AllowAutoRedirect = false });
        await CookieSignIn.PostPasswordAsync(browser, staff.Email);

        app.Time.Advance(TimeSpan.FromMinutes(10));
        var keptAlive = await browser.GetAsync("/Account/KeepAlive", Ct);
        app.Time.Advance(TimeSpan.FromMinutes(10));
        var response = await browser.GetAsync("/Clients", Ct);

        Assert.Equal(HttpStatusCode.NoContent, keptAlive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Pages_WhenSignedIn_CarryTheIdleTimeForTheWarning()
    {
        var staff = await app.StaffAsync("Clinician");
        var browser = app.CreateClient(new() { AllowAutoRedirect = false });
        await CookieSignIn.PostPasswordAsync(browser, staff.Email);

        var page = await browser.GetStringAsync("/Clients", Ct);

        Assert.Contains("<meta name=\"caseload-idle-minutes\" content=\"15\" />", page, StringComparison.Ordinal);
    }

    internal static async Task<HttpResponseMessage> PutPracticeAsync(HttpClient admin, Action<JsonObject> change)
    {
        var practice = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/practice", Ct))!;
        change(practice);
        return await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct);
    }
}

/// <summary>Each test turns the rule on; it is turned off again after each.</summary>
public abstract class RequiredTwoFactorTests(CaseloadApp app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_WhenThePracticeRequiresTwoFactor_Is403TwoFactorSetupRequiredForStaffWithout()
    {
        var staff = await app.StaffAsync("Clinician");
        await RequireTwoFactorAsync();

        var response = await staff.Client.GetAsync("/api/v1/clients", Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "two-factor-setup-required");
    }

    [Fact]
    public async Task Api_WhenThePracticeRequiresTwoFactor_StillLetsStaffSetItUpAndThenWork()
    {
        var staff = await app.StaffAsync("Clinician");
        await RequireTwoFactorAsync();

        var setup = await staff.Client.PostAsJsonAsync("/api/v1/auth/manage/2fa", new { }, Ct);
        setup.EnsureSuccessStatusCode();
        var key = (await setup.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("sharedKey").GetString()!;
        (await staff.Client.PostAsJsonAsync("/api/v1/auth/manage/2fa", new { enable = true, twoFactorCode = Totp.Code(key, app.Time.GetUtcNow()) }, Ct))
            .EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync("/api/v1/clients", Ct)).StatusCode);
    }

    [Fact]
    public async Task Page_WhenThePracticeRequiresTwoFactor_SendsStaffWithoutItToTheEnrolmentPage()
    {
        var staff = await app.StaffAsync("Clinician");
        var browser = app.CreateClient(new() { AllowAutoRedirect = false });
        await CookieSignIn.PostPasswordAsync(browser, staff.Email);
        await RequireTwoFactorAsync();

        var response = await browser.GetAsync("/Clients", Ct);
        var enrolment = await browser.GetAsync("/Account/TwoFactor", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/TwoFactor", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, enrolment.StatusCode);
    }

    /// <summary>
    /// Sets the rule in the database, as the settings page would: once it is on, the administrator (who has no
    /// second factor) could no longer make the staff users a test needs, nor turn it off again.
    /// </summary>
    private async Task RequireTwoFactorAsync(bool required = true)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Caseload.Web.Data.CaseloadDbContext>();
            var practice = await db.Practices.SingleAsync(Ct);
            Assert.True(practice.ChangeSignInRules(required, practice.IdleMinutes).Succeeded);
            await db.SaveChangesAsync(Ct);
        }

        app.Services.GetRequiredService<Caseload.Web.Auth.SignInRules>().Forget();
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await RequireTwoFactorAsync(false);
        GC.SuppressFinalize(this);
    }
}

public sealed class RequiredTwoFactorSqliteTests(SqliteApp app) : RequiredTwoFactorTests(app), IClassFixture<SqliteApp>;

public sealed class RequiredTwoFactorPostgresTests(PostgresApp app) : RequiredTwoFactorTests(app), IClassFixture<PostgresApp>;

public sealed class SignInRuleSqliteTests(SqliteApp app) : SignInRuleTests(app), IClassFixture<SqliteApp>;

public sealed class SignInRulePostgresTests(PostgresApp app) : SignInRuleTests(app), IClassFixture<PostgresApp>;
