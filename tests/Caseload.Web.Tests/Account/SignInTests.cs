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
    public async Task Login_AfterFiveWrongPasswords_StillSucceedsWithTheRightOne_Finding8()
    {
        var staff = await app.StaffAsync("Scheduler");
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/login", new { email = staff.Email, password = "wrong-password" });
        }

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = staff.Email, password = CaseloadApp.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Login_WithAnUnknownEmail_AnswersExactlyAsAWrongPassword_Finding8()
    {
        var staff = await app.StaffAsync("Scheduler");
        var client = app.CreateClient();

        var known = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = staff.Email, password = "wrong-password-1" });
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@test.example", password = "wrong-password-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await WithoutTraceIdAsync(known), await WithoutTraceIdAsync(unknown));
    }

    [Fact]
    public async Task Login_AsADeactivatedUser_AnswersAsAWrongPassword()
    {
        var staff = await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Switched Off", "Scheduler");
        using var admin = await app.AdminAsync();
        (await admin.PostAsync($"/api/v1/users/{staff.UserId}/deactivate", null)).EnsureSuccessStatusCode();
        var client = app.CreateClient();

        var deactivated = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = staff.Email, password = CaseloadApp.Password });
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = CaseloadApp.AdminEmail, password = "wrong-password-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, deactivated.StatusCode);
        Assert.Equal(await WithoutTraceIdAsync(wrong), await WithoutTraceIdAsync(deactivated));
    }

    private static async Task<string> WithoutTraceIdAsync(HttpResponseMessage response)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return body.ToJsonString();
    }

    [Theory]
    [InlineData("/api/v1/auth/login", """{"email":null,"password":"Test-password-1"}""", "email")]
    [InlineData("/api/v1/auth/login", """{"email":"admin@test.example","password":null}""", "password")]
    [InlineData("/api/v1/auth/forgotPassword", """{"email":null}""", "email")]
    [InlineData("/api/v1/auth/resetPassword", """{"email":null,"resetCode":"x","newPassword":"Brand-new-password-9"}""", "email")]
    [InlineData("/api/v1/auth/refresh", """{"refreshToken":null}""", "refreshToken")]
    public async Task SignInEndpoints_WithANullField_Are400NamingIt_Finding9(string path, string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await app.CreateClient().PostAsync(path, content);

        await response.AssertFieldErrorAsync(field);
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
