using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Settings;

/// <summary>Finding 6 and 11: administrators list, change, switch off and reset staff accounts; passwords are long and not common.</summary>
public abstract class StaffLifecycleTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewEmail() => $"{Guid.NewGuid():N}@test.example";

    private static JsonElement Find(JsonElement list, string id) => list.EnumerateArray().Single(u => u.GetProperty("id").GetString() == id);

    [Fact]
    public async Task ListUsers_ShowsRolesClinicianAndState()
    {
        var clinician = await app.CreateStaffAsync(NewEmail(), "Listed Clinician", "Clinician");
        using var admin = await app.AdminAsync();

        var user = Find(await admin.GetFromJsonAsync<JsonElement>("/api/v1/users", Ct), clinician.UserId);

        Assert.Equal(clinician.Email, user.GetProperty("email").GetString());
        Assert.Equal("Listed Clinician", user.GetProperty("displayName").GetString());
        Assert.Equal(["Clinician"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(clinician.ClinicianId, user.GetProperty("clinicianId").GetString());
        Assert.True(user.GetProperty("active").GetBoolean());
        Assert.False(user.GetProperty("twoFactorEnabled").GetBoolean());
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Clinician")]
    [InlineData("Biller")]
    public async Task StaffEndpoints_ForAnyoneButAnAdministrator_Are403(string role)
    {
        var staff = await app.StaffAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync("/api/v1/users", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.PostAsync($"/api/v1/users/{staff.UserId}/deactivate", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task ChangeUser_SetsNameAndRoles()
    {
        var user = await app.CreateStaffAsync(NewEmail(), "Old Name", "Scheduler");
        using var admin = await app.AdminAsync();

        var response = await admin.PutAsJsonAsync($"/api/v1/users/{user.UserId}", new { displayName = "New Name", roles = new[] { "Biller", "Scheduler" } }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = Find(await admin.GetFromJsonAsync<JsonElement>("/api/v1/users", Ct), user.UserId);
        Assert.Equal("New Name", listed.GetProperty("displayName").GetString());
        Assert.Equal(["Biller", "Scheduler"], listed.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task ChangeUser_GivingTheClinicianRole_MakesAClinicianRecord()
    {
        var user = await app.CreateStaffAsync(NewEmail(), "Becomes Clinician", "Scheduler");
        using var admin = await app.AdminAsync();

        (await admin.PutAsJsonAsync($"/api/v1/users/{user.UserId}", new { displayName = "Becomes Clinician", roles = new[] { "Clinician" } }, Ct))
            .EnsureSuccessStatusCode();

        var listed = Find(await admin.GetFromJsonAsync<JsonElement>("/api/v1/users", Ct), user.UserId);
        Assert.Equal(JsonValueKind.String, listed.GetProperty("clinicianId").ValueKind);
    }

    [Fact]
    public async Task ChangeUser_WithAnUnknownRole_Is400NamingRoles()
    {
        var user = await app.CreateStaffAsync(NewEmail(), "Bad Role", "Scheduler");
        using var admin = await app.AdminAsync();

        var response = await admin.PutAsJsonAsync($"/api/v1/users/{user.UserId}", new { displayName = "Bad Role", roles = new[] { "Wizard" } }, Ct);

        await response.AssertFieldErrorAsync("roles");
    }

    [Fact]
    public async Task ChangeUser_TakingAdministratorFromTheLastAdministrator_Is409LastAdministrator()
    {
        using var admin = await app.AdminAsync();
        var me = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/users", Ct)).EnumerateArray()
            .Single(u => u.GetProperty("email").GetString() == CaseloadApp.AdminEmail).GetProperty("id").GetString();

        var response = await admin.PutAsJsonAsync($"/api/v1/users/{me}", new { displayName = "Administrator", roles = new[] { "Scheduler" } }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "last-administrator");
    }

    [Fact]
    public async Task Deactivate_Yourself_Is409CannotDeactivateSelf()
    {
        using var admin = await app.AdminAsync();
        var me = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/users", Ct)).EnumerateArray()
            .Single(u => u.GetProperty("email").GetString() == CaseloadApp.AdminEmail).GetProperty("id").GetString();

        var response = await admin.PostAsync($"/api/v1/users/{me}/deactivate", null, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "cannot-deactivate-self");
    }

    [Fact]
    public async Task Deactivate_AnUnknownUser_Is404()
    {
        using var admin = await app.AdminAsync();

        var response = await admin.PostAsync($"/api/v1/users/{Guid.NewGuid()}/deactivate", null, Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Deactivate_AClinician_KeepsTheirClients()
    {
        var clinician = await app.StaffAsync("Clinician");
        var clientId = await clinician.Client.CreateClientAsync(ClientsApi.NewClient(clinician.ClinicianId));
        using var admin = await app.AdminAsync();

        (await admin.PostAsync($"/api/v1/users/{clinician.UserId}/deactivate", null, Ct)).EnsureSuccessStatusCode();

        var client = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{clientId}", Ct);
        Assert.Equal(clinician.ClinicianId, client.GetProperty("clinicianId").GetString());
        Assert.False(Find(await admin.GetFromJsonAsync<JsonElement>("/api/v1/users", Ct), clinician.UserId).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Reactivate_LetsTheUserSignInAgain()
    {
        var user = await app.CreateStaffAsync(NewEmail(), "Comes Back", "Scheduler");
        using var admin = await app.AdminAsync();
        (await admin.PostAsync($"/api/v1/users/{user.UserId}/deactivate", null, Ct)).EnsureSuccessStatusCode();

        (await admin.PostAsync($"/api/v1/users/{user.UserId}/reactivate", null, Ct)).EnsureSuccessStatusCode();

        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = CaseloadApp.Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task ResetPassword_LetsTheUserSignInWithTheNewOneOnly()
    {
        var user = await app.CreateStaffAsync(NewEmail(), "Reset Me", "Scheduler");
        using var admin = await app.AdminAsync();

        (await admin.PostAsJsonAsync($"/api/v1/users/{user.UserId}/password", new { password = "Fresh-start-password-3" }, Ct)).EnsureSuccessStatusCode();

        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "Fresh-start-password-3" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = CaseloadApp.Password }, Ct)).StatusCode);
    }

    [Fact]
    public async Task StaffPage_ForAnAdministrator_ShowsTheUserWithTheirActions()
    {
        var user = await app.CreateStaffAsync(NewEmail(), "Shown On Page", "Scheduler");
        using var admin = await app.AdminAsync();

        var html = await admin.GetStringAsync($"/Settings/Users/Edit/{user.UserId}", Ct);

        Assert.Contains(user.Email, html, StringComparison.Ordinal);
        Assert.Contains("Deactivate Shown On Page", html, StringComparison.Ordinal);
        Assert.Contains("Set new password", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Password12")]
    [InlineData("qwerty123456")]
    [InlineData("123456789012")]
    [InlineData("Password1234")]
    [InlineData("Qwerty123456")]
    public async Task CreateUser_WithAShortOrCommonPassword_Is400NamingPassword_Finding11(string password)
    {
        using var admin = await app.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email = NewEmail(), password, displayName = "Weak", roles = new[] { "Scheduler" } }, Ct);

        await response.AssertFieldErrorAsync("password");
    }

    [Fact]
    public async Task CreateUser_WithALongUncommonPassword_IsCreated_Finding11()
    {
        using var admin = await app.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/users",
            new { email = NewEmail(), password = "Harbour-lantern-47-mosaic", displayName = "Strong", roles = new[] { "Scheduler" } }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task ResetPassword_WithACommonPassword_Is400NamingPassword_Finding11()
    {
        var user = await app.CreateStaffAsync(NewEmail(), "Weak Reset", "Scheduler");
        using var admin = await app.AdminAsync();

        var response = await admin.PostAsJsonAsync($"/api/v1/users/{user.UserId}/password", new { password = "Qwerty123456" }, Ct);

        await response.AssertFieldErrorAsync("password");
    }
}

public sealed class StaffLifecycleSqliteTests(SqliteApp app) : StaffLifecycleTests(app), IClassFixture<SqliteApp>;

public sealed class StaffLifecyclePostgresTests(PostgresApp app) : StaffLifecycleTests(app), IClassFixture<PostgresApp>;
