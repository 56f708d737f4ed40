using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Caseload.Web.Tests.Account;

/// <summary>Finding 6: a session ends with its user, its sign-out and its refresh; never later.</summary>
public abstract class SessionTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Access, string Refresh)> TokensAsync(string email)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = CaseloadApp.Password }, Ct);
        response.EnsureSuccessStatusCode();
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (tokens.GetProperty("accessToken").GetString()!, tokens.GetProperty("refreshToken").GetString()!);
    }

    private HttpClient WithToken(string access)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return client;
    }

    private Task<HttpResponseMessage> RefreshAsync(string refresh) =>
        app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh }, Ct);

    [Fact]
    public async Task Refresh_WithATokenUsedBefore_Is401()
    {
        var user = await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Refresh Twice", "Scheduler");
        var (_, refresh) = await TokensAsync(user.Email);

        var first = await RefreshAsync(refresh);
        var second = await RefreshAsync(refresh);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
    }

    [Fact]
    public async Task Refresh_GivesTokensThatWork()
    {
        var user = await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Refresh Once", "Scheduler");
        var (_, refresh) = await TokensAsync(user.Email);

        var renewed = await (await RefreshAsync(refresh)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        var response = await WithToken(renewed.GetProperty("accessToken").GetString()!).GetAsync("/api/v1/clients", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AccessToken_AfterTheUserIsDeactivated_Is401()
    {
        var user = await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Leaving Soon", "Scheduler");
        var (access, _) = await TokensAsync(user.Email);
        using var admin = await app.AdminAsync();

        (await admin.PostAsync($"/api/v1/users/{user.UserId}/deactivate", null, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(access).GetAsync("/api/v1/clients", Ct)).StatusCode);
    }

    [Fact]
    public async Task RefreshToken_AfterTheUserIsDeactivated_Is401()
    {
        var user = await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Leaving Too", "Scheduler");
        var (_, refresh) = await TokensAsync(user.Email);
        using var admin = await app.AdminAsync();

        (await admin.PostAsync($"/api/v1/users/{user.UserId}/deactivate", null, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(refresh)).StatusCode);
    }

    [Fact]
    public async Task AccessToken_AfterAnAdministratorResetsThePassword_Is401()
    {
        var user = await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Forgot Password", "Scheduler");
        var (access, _) = await TokensAsync(user.Email);
        using var admin = await app.AdminAsync();

        (await admin.PostAsJsonAsync($"/api/v1/users/{user.UserId}/password", new { password = "Brand-new-password-7" }, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(access).GetAsync("/api/v1/clients", Ct)).StatusCode);
    }

    [Fact]
    public async Task AccessToken_AfterTheUsersOwnPasswordChange_Is401()
    {
        var user = await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Changes Password", "Scheduler");
        var (access, _) = await TokensAsync(user.Email);
        var (other, _) = await TokensAsync(user.Email);

        (await WithToken(other).PostAsJsonAsync("/api/v1/auth/manage/info",
            new { oldPassword = CaseloadApp.Password, newPassword = "Brand-new-password-8" }, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(access).GetAsync("/api/v1/clients", Ct)).StatusCode);
    }

    [Fact]
    public async Task AccessToken_AfterARoleChange_Is401()
    {
        var user = await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Changes Role", "Scheduler");
        var (access, _) = await TokensAsync(user.Email);
        using var admin = await app.AdminAsync();

        (await admin.PutAsJsonAsync($"/api/v1/users/{user.UserId}", new { displayName = "Changes Role", roles = new[] { "Biller" } }, Ct))
            .EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(access).GetAsync("/api/v1/clients", Ct)).StatusCode);
    }

    [Fact]
    public async Task Logout_EndsTheCallingAccessToken()
    {
        var user = await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Signs Out", "Scheduler");
        var (access, _) = await TokensAsync(user.Email);

        var logout = await WithToken(access).PostAsync("/api/v1/auth/logout", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(access).GetAsync("/api/v1/clients", Ct)).StatusCode);
    }

    [Fact]
    public async Task Logout_EndsTheCallingRefreshToken()
    {
        var user = await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Signs Out Too", "Scheduler");
        var (access, refresh) = await TokensAsync(user.Email);

        (await WithToken(access).PostAsync("/api/v1/auth/logout", null, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(refresh)).StatusCode);
    }

    [Fact]
    public async Task Logout_LeavesTheUsersOtherSessionsOpen()
    {
        var user = await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Two Devices", "Scheduler");
        var (phone, _) = await TokensAsync(user.Email);
        var (laptop, _) = await TokensAsync(user.Email);

        (await WithToken(phone).PostAsync("/api/v1/auth/logout", null, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await WithToken(laptop).GetAsync("/api/v1/clients", Ct)).StatusCode);
    }

    [Fact]
    public async Task Cookie_CopiedBeforeSignOut_IsRefusedAfterIt()
    {
        var user = await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Copied Cookie", "Scheduler");
        var cookie = await app.SignInWithCookieAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, (await app.GetWithCookieAsync("/Clients", cookie)).StatusCode);

        await app.SignOutWithCookieAsync(cookie);

        var after = await app.GetWithCookieAsync("/Clients", cookie);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookie_AfterTheUserIsDeactivated_SendsTheBrowserToSignIn()
    {
        var user = await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Open Browser", "Scheduler");
        var cookie = await app.SignInWithCookieAsync(user.Email);
        using var admin = await app.AdminAsync();

        (await admin.PostAsync($"/api/v1/users/{user.UserId}/deactivate", null, Ct)).EnsureSuccessStatusCode();

        var after = await app.GetWithCookieAsync("/Clients", cookie);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}

public sealed class SessionSqliteTests(SqliteApp app) : SessionTests(app), IClassFixture<SqliteApp>;

public sealed class SessionPostgresTests(PostgresApp app) : SessionTests(app), IClassFixture<PostgresApp>;
