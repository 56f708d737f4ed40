using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Groups;

/// <summary>The title clients see a group by: optional, at most 100 characters, kept apart from the internal name.</summary>
public abstract class GroupClientTitleTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Group(string? clinicianId, string? clientTitle) =>
        new { name = "DBT skills — court-ordered", clinicianId, serviceCode = "90853", clientTitle };

    [Fact]
    public async Task Create_WithAClientTitle_KeepsIt_BesideTheInternalName()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PostAsJsonAsync("/api/v1/groups", Group(clinician.ClinicianId, "Tuesday evening group"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var group = await clinician.Client.GetFromJsonAsync<JsonElement>($"/api/v1/groups/{id}", Ct);
        Assert.Equal(("Tuesday evening group", "DBT skills — court-ordered"), (group.GetProperty("clientTitle").GetString(), group.GetProperty("name").GetString()));
        var listed = Assert.Single((await clinician.Client.GetFromJsonAsync<JsonElement>("/api/v1/groups", Ct)).EnumerateArray());
        Assert.Equal("Tuesday evening group", listed.GetProperty("clientTitle").GetString());
    }

    [Fact]
    public async Task Create_WithoutAClientTitle_HasNone()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PostAsJsonAsync("/api/v1/groups", Group(clinician.ClinicianId, null), Ct);

        Assert.Equal(JsonValueKind.Null, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("clientTitle").ValueKind);
    }

    [Fact]
    public async Task Create_WithAClientTitleOver100Characters_Is400NamingClientTitle()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PostAsJsonAsync("/api/v1/groups", Group(clinician.ClinicianId, new string('t', 101)), Ct);

        await response.AssertFieldErrorAsync("clientTitle");
    }

    [Fact]
    public async Task Change_SetsAndClearsTheClientTitle()
    {
        var clinician = await app.StaffAsync("Clinician");
        var created = await clinician.Client.PostAsJsonAsync("/api/v1/groups", Group(clinician.ClinicianId, null), Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

        var set = await clinician.Client.PutAsJsonAsync($"/api/v1/groups/{id}", Group(clinician.ClinicianId, "Thursday group"), Ct);
        var tooLong = await clinician.Client.PutAsJsonAsync($"/api/v1/groups/{id}", Group(clinician.ClinicianId, new string('t', 101)), Ct);
        var kept = await clinician.Client.GetFromJsonAsync<JsonElement>($"/api/v1/groups/{id}", Ct);
        var cleared = await clinician.Client.PutAsJsonAsync($"/api/v1/groups/{id}", Group(clinician.ClinicianId, null), Ct);

        Assert.Equal("Thursday group", (await set.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("clientTitle").GetString());
        await tooLong.AssertFieldErrorAsync("clientTitle");
        Assert.Equal("Thursday group", kept.GetProperty("clientTitle").GetString());
        Assert.Equal(JsonValueKind.Null, (await cleared.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("clientTitle").ValueKind);
    }
}

public sealed class GroupClientTitleSqliteTests(SqliteApp app) : GroupClientTitleTests(app), IClassFixture<SqliteApp>;

public sealed class GroupClientTitlePostgresTests(PostgresApp app) : GroupClientTitleTests(app), IClassFixture<PostgresApp>;
