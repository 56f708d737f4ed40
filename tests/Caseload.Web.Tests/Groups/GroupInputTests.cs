using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using static Caseload.Web.Tests.Clients.ClientsApi;
using static Caseload.Web.Tests.Groups.GroupsApi;

namespace Caseload.Web.Tests.Groups;

/// <summary>Creating and changing a group's details; bad input is a 400 naming the field, and nothing is saved.</summary>
public abstract class GroupInputTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> GroupsOfAsync(Staff clinician) =>
        await clinician.Client.GetFromJsonAsync<JsonElement>("/api/v1/groups", Ct);

    [Fact]
    public async Task Create_WithACapacityOf1_Is400NamingCapacityAndSavesNothing()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PostAsJsonAsync("/api/v1/groups", NewGroup(clinician.ClinicianId, capacity: 1), Ct);

        await response.AssertFieldErrorAsync("capacity");
        Assert.Empty((await GroupsOfAsync(clinician)).EnumerateArray());
    }

    [Fact]
    public async Task Create_WithAnUnknownServiceCode_Is400NamingServiceCodeAndSavesNothing()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PostAsJsonAsync("/api/v1/groups", NewGroup(clinician.ClinicianId, serviceCode: "99999"), Ct);

        await response.AssertFieldErrorAsync("serviceCode");
        Assert.Empty((await GroupsOfAsync(clinician)).EnumerateArray());
    }

    [Fact]
    public async Task Create_WithoutAName_Is400NamingName()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PostAsJsonAsync("/api/v1/groups", NewGroup(clinician.ClinicianId, name: "  "), Ct);

        await response.AssertFieldErrorAsync("name");
    }

    [Fact]
    public async Task Create_WithSeveralBadFields_NamesEachOfThem()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PostAsJsonAsync("/api/v1/groups", NewGroup(clinician.ClinicianId, name: "", serviceCode: "99999", capacity: 1), Ct);

        var errors = (await response.AssertFieldErrorAsync("name")).GetProperty("errors");
        Assert.True(errors.TryGetProperty("serviceCode", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("capacity", out _), errors.ToString());
    }

    [Fact]
    public async Task Create_WithoutAServiceCode_DefaultsToGroupPsychotherapy90853()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PostAsJsonAsync("/api/v1/groups", NewGroup(clinician.ClinicianId, serviceCode: null), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("90853", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("serviceCode").GetString());
    }

    [Fact]
    public async Task Create_WithFamilyPsychotherapy90847_KeepsThatCode()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PostAsJsonAsync("/api/v1/groups", NewGroup(clinician.ClinicianId, serviceCode: "90847"), Ct);

        Assert.Equal("90847", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("serviceCode").GetString());
    }

    [Fact]
    public async Task Create_WithoutACapacity_HasNone()
    {
        var clinician = await app.StaffAsync("Clinician");

        var id = await clinician.Client.CreateGroupAsync(clinician.ClinicianId);

        Assert.Equal(JsonValueKind.Null, (await clinician.Client.GroupAsync(id)).GetProperty("capacity").ValueKind);
    }

    [Fact]
    public async Task Put_ChangesNameServiceCodeAndCapacity()
    {
        var clinician = await app.StaffAsync("Clinician");
        var id = await clinician.Client.CreateGroupAsync(clinician.ClinicianId);

        var response = await clinician.Client.PutAsJsonAsync($"/api/v1/groups/{id}",
            NewGroup(clinician.ClinicianId, name: "Family skills", serviceCode: "90847", capacity: 6), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var group = await clinician.Client.GroupAsync(id);
        Assert.Equal("Family skills", group.GetProperty("name").GetString());
        Assert.Equal("90847", group.GetProperty("serviceCode").GetString());
        Assert.Equal(6, group.GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task Put_CapacityBelowTheCurrentMembers_Is400NamingCapacityAndKeepsTheOld()
    {
        var clinician = await app.StaffAsync("Clinician");
        var id = await clinician.Client.CreateGroupAsync(clinician.ClinicianId, capacity: 5);
        foreach (var name in new[] { "Ann", "Ben", "Cal" })
        {
            await clinician.Client.AddMemberAsync(id, await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, name)));
        }

        var response = await clinician.Client.PutAsJsonAsync($"/api/v1/groups/{id}", NewGroup(clinician.ClinicianId, capacity: 2), Ct);

        await response.AssertFieldErrorAsync("capacity");
        Assert.Equal(5, (await clinician.Client.GroupAsync(id)).GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task Put_WithAnUnknownServiceCode_Is400NamingServiceCode()
    {
        var clinician = await app.StaffAsync("Clinician");
        var id = await clinician.Client.CreateGroupAsync(clinician.ClinicianId);

        var response = await clinician.Client.PutAsJsonAsync($"/api/v1/groups/{id}", NewGroup(clinician.ClinicianId, serviceCode: "12345"), Ct);

        await response.AssertFieldErrorAsync("serviceCode");
        Assert.Equal("90853", (await clinician.Client.GroupAsync(id)).GetProperty("serviceCode").GetString());
    }

    [Fact]
    public async Task Get_AnUnknownId_Is404()
    {
        var admin = await app.AdminAsync();

        var response = await admin.GetAsync("/api/v1/groups/no-such-group", Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Put_AnUnknownId_Is404()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PutAsJsonAsync("/api/v1/groups/no-such-group", NewGroup(clinician.ClinicianId), Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Create_WithACapacityThatIsNotANumber_Is400NamingCapacity()
    {
        var clinician = await app.StaffAsync("Clinician");
        using var content = new StringContent($$"""{"name":"Group","clinicianId":"{{clinician.ClinicianId}}","capacity":"ten"}""",
            System.Text.Encoding.UTF8, "application/json");

        var response = await clinician.Client.PostAsync("/api/v1/groups", content, Ct);

        await response.AssertFieldErrorAsync("capacity");
    }
}

public sealed class GroupInputSqliteTests(SqliteApp app) : GroupInputTests(app), IClassFixture<SqliteApp>;

public sealed class GroupInputPostgresTests(PostgresApp app) : GroupInputTests(app), IClassFixture<PostgresApp>;
