using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using static Caseload.Web.Tests.Clients.ClientsApi;
using static Caseload.Web.Tests.Groups.GroupsApi;

namespace Caseload.Web.Tests.Groups;

/// <summary>Rule 1 (ownership) and the roles table for groups.</summary>
public abstract class GroupAccessTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_ByAClinicianForThemself_Is201TheirsAndEmpty_Rule1()
    {
        var morgan = await app.StaffAsync("Clinician");

        var response = await morgan.Client.PostAsJsonAsync("/api/v1/groups", NewGroup(morgan.ClinicianId, capacity: 8), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var group = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal($"/api/v1/groups/{group.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        Assert.Equal(morgan.ClinicianId, group.GetProperty("clinicianId").GetString());
        Assert.Equal("Tuesday anxiety group", group.GetProperty("name").GetString());
        Assert.Equal("90853", group.GetProperty("serviceCode").GetString());
        Assert.Equal(8, group.GetProperty("capacity").GetInt32());
        Assert.Empty(group.GetProperty("members").EnumerateArray());
    }

    [Fact]
    public async Task Create_ByAClinicianWithoutNamingAClinician_IsTheirs()
    {
        var morgan = await app.StaffAsync("Clinician");

        var id = await morgan.Client.CreateGroupAsync(clinicianId: null);

        Assert.Equal(morgan.ClinicianId, (await morgan.Client.GroupAsync(id)).GetProperty("clinicianId").GetString());
    }

    [Fact]
    public async Task Create_ByAClinicianForAnotherClinician_Is403ClinicianNotYoursAndSavesNothing_Rule1()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");

        var response = await morgan.Client.PostAsJsonAsync("/api/v1/groups", NewGroup(riley.ClinicianId), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "clinician-not-yours");
        Assert.Empty((await riley.Client.GetFromJsonAsync<JsonElement>("/api/v1/groups", Ct)).EnumerateArray());
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Administrator")]
    public async Task Create_ByFrontDeskOrAdministrator_ForAnyClinician_Is201(string role)
    {
        var staff = await app.StaffAsync(role);
        var riley = await app.StaffAsync("Clinician");

        var id = await staff.Client.CreateGroupAsync(riley.ClinicianId);

        Assert.Equal(riley.ClinicianId, (await riley.Client.GroupAsync(id)).GetProperty("clinicianId").GetString());
    }

    [Fact]
    public async Task Create_ByASchedulerWithoutNamingAClinician_Is400NamingClinicianId()
    {
        var scheduler = await app.StaffAsync("Scheduler");

        var response = await scheduler.Client.PostAsJsonAsync("/api/v1/groups", NewGroup(clinicianId: null), Ct);

        await response.AssertFieldErrorAsync("clinicianId");
    }

    [Fact]
    public async Task Get_AnotherClinicsGroup_Is404NotFoundRatherThan403_Rule1()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var rileysGroup = await riley.Client.CreateGroupAsync(riley.ClinicianId);

        var response = await morgan.Client.GetAsync($"/api/v1/groups/{rileysGroup}", Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Administrator")]
    public async Task Get_ByFrontDeskOrAdministrator_AnyClinicsGroup_Is200(string role)
    {
        var staff = await app.StaffAsync(role);
        var riley = await app.StaffAsync("Clinician");
        var rileysGroup = await riley.Client.CreateGroupAsync(riley.ClinicianId);

        var response = await staff.Client.GetAsync($"/api/v1/groups/{rileysGroup}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(riley.ClinicianId, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("clinicianId").GetString());
    }

    [Fact]
    public async Task List_ForAClinician_HoldsOnlyTheirGroups()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var mine = await morgan.Client.CreateGroupAsync(morgan.ClinicianId);
        await riley.Client.CreateGroupAsync(riley.ClinicianId);

        var groups = await morgan.Client.GetFromJsonAsync<JsonElement>("/api/v1/groups", Ct);

        Assert.Equal([mine], groups.EnumerateArray().Select(g => g.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task List_ForASchedulerFilteringByClinician_HoldsThatClinicsGroups()
    {
        var scheduler = await app.StaffAsync("Scheduler");
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        await morgan.Client.CreateGroupAsync(morgan.ClinicianId);
        var rileys = await riley.Client.CreateGroupAsync(riley.ClinicianId);

        var groups = await scheduler.Client.GetFromJsonAsync<JsonElement>($"/api/v1/groups?clinicianId={riley.ClinicianId}", Ct);

        Assert.Equal([rileys], groups.EnumerateArray().Select(g => g.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task AddMember_AnotherClinicsClient_Is403ClientNotYoursAndLeavesTheGroupEmpty_Rule1()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var group = await morgan.Client.CreateGroupAsync(morgan.ClinicianId);
        var rileysClient = await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId));

        var response = await morgan.Client.AddMemberAsync(group, rileysClient);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "client-not-yours");
        var after = await morgan.Client.GroupAsync(group);
        Assert.Empty(after.GetProperty("members").EnumerateArray());
        Assert.Empty(after.GetProperty("history").EnumerateArray());
    }

    /// <remarks>The API promises never to reveal another clinician's records; the refusal is clear without the client's name.</remarks>
    [Fact]
    public async Task AddMember_AnotherClinicsClient_RefusalDoesNotRevealTheClientsName_Rule1()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var group = await morgan.Client.CreateGroupAsync(morgan.ClinicianId);
        var lastName = UniqueName("Hopper");
        var rileysClient = await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId, "Grace", lastName));

        var response = await morgan.Client.AddMemberAsync(group, rileysClient);

        var body = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "client-not-yours");
        Assert.DoesNotContain(lastName, body.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Administrator")]
    public async Task AddMember_ByFrontDeskOrAdministrator_OfAnotherClinicsClient_IsStill403ClientNotYours_Rule1(string role)
    {
        var staff = await app.StaffAsync(role);
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var morgansGroup = await staff.Client.CreateGroupAsync(morgan.ClinicianId);
        var rileysClient = await staff.Client.CreateClientAsync(NewClient(riley.ClinicianId));

        var response = await staff.Client.AddMemberAsync(morgansGroup, rileysClient);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "client-not-yours");
    }

    [Fact]
    public async Task AddMember_BySchedulerOfTheGroupClinicsClient_Is200()
    {
        var scheduler = await app.StaffAsync("Scheduler");
        var morgan = await app.StaffAsync("Clinician");
        var group = await scheduler.Client.CreateGroupAsync(morgan.ClinicianId);
        var client = await scheduler.Client.CreateClientAsync(NewClient(morgan.ClinicianId));

        var response = await scheduler.Client.AddMemberAsync(group, client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([client], (await morgan.Client.GroupAsync(group)).MemberIds());
    }

    [Fact]
    public async Task AddMember_ToAnotherClinicsGroup_Is404()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var rileysGroup = await riley.Client.CreateGroupAsync(riley.ClinicianId);
        var morgansClient = await morgan.Client.CreateClientAsync(NewClient(morgan.ClinicianId));

        var response = await morgan.Client.AddMemberAsync(rileysGroup, morgansClient);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task RemoveMember_FromAnotherClinicsGroup_Is404AndTheyStay()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var rileysGroup = await riley.Client.CreateGroupAsync(riley.ClinicianId);
        var rileysClient = await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId));
        await riley.Client.AddMemberAsync(rileysGroup, rileysClient);

        var response = await morgan.Client.DeleteAsync($"/api/v1/groups/{rileysGroup}/members/{rileysClient}", Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal([rileysClient], (await riley.Client.GroupAsync(rileysGroup)).MemberIds());
    }

    [Fact]
    public async Task Put_AnotherClinicsGroup_Is404AndChangesNothing()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var rileysGroup = await riley.Client.CreateGroupAsync(riley.ClinicianId);

        var response = await morgan.Client.PutAsJsonAsync($"/api/v1/groups/{rileysGroup}", NewGroup(riley.ClinicianId, name: "Taken over"), Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal("Tuesday anxiety group", (await riley.Client.GroupAsync(rileysGroup)).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("archive")]
    [InlineData("restore")]
    public async Task ArchiveOrRestore_AnotherClinicsGroup_Is404(string action)
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var rileysGroup = await riley.Client.CreateGroupAsync(riley.ClinicianId);

        var response = await morgan.Client.PostAsync($"/api/v1/groups/{rileysGroup}/{action}", null, Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task List_ByABiller_Is403()
    {
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.GetAsync("/api/v1/groups", Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Get_ByABiller_Is403()
    {
        var biller = await app.StaffAsync("Biller");
        var riley = await app.StaffAsync("Clinician");
        var group = await riley.Client.CreateGroupAsync(riley.ClinicianId);

        var response = await biller.Client.GetAsync($"/api/v1/groups/{group}", Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Create_ByABiller_Is403()
    {
        var biller = await app.StaffAsync("Biller");
        var riley = await app.StaffAsync("Clinician");

        var response = await biller.Client.PostAsJsonAsync("/api/v1/groups", NewGroup(riley.ClinicianId), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task AddMember_ByABiller_Is403()
    {
        var biller = await app.StaffAsync("Biller");
        var riley = await app.StaffAsync("Clinician");
        var group = await riley.Client.CreateGroupAsync(riley.ClinicianId);
        var client = await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId));

        var response = await biller.Client.AddMemberAsync(group, client);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Empty((await riley.Client.GroupAsync(group)).MemberIds());
    }

    [Fact]
    public async Task List_WhenNotSignedIn_Is401()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/groups", Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}

public sealed class GroupAccessSqliteTests(SqliteApp app) : GroupAccessTests(app), IClassFixture<SqliteApp>;

public sealed class GroupAccessPostgresTests(PostgresApp app) : GroupAccessTests(app), IClassFixture<PostgresApp>;
