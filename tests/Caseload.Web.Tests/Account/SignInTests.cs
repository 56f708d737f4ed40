using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Account;

public abstract class SignInTests(CaseloadApp app)
{
    [Fact]
    public async Task Login_WithTheBootstrapAdministrator_ReturnsABearerToken()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email = CaseloadApp.AdminEmail, password = CaseloadApp.Password });

        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));
        Assert.False(string.IsNullOrEmpty(token.GetProperty("refreshToken").GetString()));
    }

    [Fact]
    public async Task Login_WithAWrongPassword_Is401ProblemDetails()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email = CaseloadApp.AdminEmail, password = "not-the-password" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Login_AfterFiveWrongPasswords_IsLockedOutEvenWithTheRightOne()
    {
        var staff = await app.StaffAsync("Scheduler");
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/login", new { email = staff.Email, password = "wrong-password" });
        }

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = staff.Email, password = CaseloadApp.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Register_IsNotReachable_AndNotInTheApiDescription()
    {
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "self@test.example", password = "Self-register-1" });
        var document = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("/register", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/auth/login", document, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "self@test.example", password = "Self-register-1" })).StatusCode);
    }

    [Fact]
    public async Task Api_WithoutAToken_Is401ProblemDetails()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/practice", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Page_WithoutSignIn_RedirectsToTheSignInPage()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_AnswersWhenTheDatabaseDoes()
    {
        var response = await app.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ApiReference_IsBrowsable()
    {
        var response = await app.CreateClient().GetAsync("/api/reference", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class SignInSqliteTests(SqliteApp app) : SignInTests(app), IClassFixture<SqliteApp>;

public sealed class SignInPostgresTests(PostgresApp app) : SignInTests(app), IClassFixture<PostgresApp>;
