using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Settings;

public abstract class StaffUserTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateUser_AsClinician_GetsAClinicianRecordWithACalendarColour()
    {
        var admin = await app.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = "new.clinician@test.example",
            password = CaseloadApp.Password,
            displayName = "Robin Hale",
            roles = new[] { "Clinician" },
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var clinicianId = created.GetProperty("clinicianId").GetString();
        var clinicians = await admin.GetFromJsonAsync<JsonElement>("/api/v1/clinicians", Ct);
        var robin = clinicians.EnumerateArray().Single(c => c.GetProperty("id").GetString() == clinicianId);
        Assert.Equal("Robin Hale", robin.GetProperty("displayName").GetString());
        Assert.Matches("^#[0-9a-f]{6}$", robin.GetProperty("color").GetString());
    }

    [Fact]
    public async Task CreateUser_WithoutTheClinicianRole_HasNoClinicianRecord()
    {
        var admin = await app.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = "front.desk@test.example", password = CaseloadApp.Password, displayName = "Front Desk", roles = new[] { "Scheduler" },
        }, Ct);

        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(created.TryGetProperty("clinicianId", out var id) && id.ValueKind == JsonValueKind.String);
    }

    [Theory]
    [InlineData("not-an-email", "Good-password-1", "A Name", "Clinician", "email")]
    [InlineData("ok@test.example", "short", "A Name", "Clinician", "password")]
    [InlineData("ok2@test.example", "Good-password-1", "", "Clinician", "displayName")]
    [InlineData("ok3@test.example", "Good-password-1", "A Name", "Wizard", "roles")]
    public async Task CreateUser_WithBadInput_Is400NamingTheField(string email, string password, string displayName, string role, string field)
    {
        var admin = await app.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email, password, displayName, roles = new[] { role } }, Ct);

        await response.AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task CreateUser_WithAnEmailInUse_Is409()
    {
        var admin = await app.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = CaseloadApp.AdminEmail, password = CaseloadApp.Password, displayName = "Twin", roles = new[] { "Biller" },
        }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "email-taken");
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Clinician")]
    [InlineData("Biller")]
    public async Task CreateUser_ByAnyoneButAnAdministrator_Is403(string role)
    {
        var staff = await app.StaffAsync(role);

        var response = await staff.Client.PostAsJsonAsync("/api/v1/users", new
        {
            email = $"sneaky-{role}@test.example", password = CaseloadApp.Password, displayName = "Sneaky", roles = new[] { "Administrator" },
        }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}

public sealed class StaffUserSqliteTests(SqliteApp app) : StaffUserTests(app), IClassFixture<SqliteApp>;

public sealed class StaffUserPostgresTests(PostgresApp app) : StaffUserTests(app), IClassFixture<PostgresApp>;
