using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using static Caseload.Web.Tests.Clients.ClientsApi;
using static Caseload.Web.Tests.Groups.GroupsApi;

namespace Caseload.Web.Tests.Groups;

/// <summary>Joining and leaving a group, with the history of every stay (the test clock is at 2026-12-01).</summary>
public abstract class GroupMembershipTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Staff Clinician, string Group, string Client)> GroupWithOneMemberAsync(string firstName = "Ada", string? lastName = null)
    {
        var clinician = await app.StaffAsync("Clinician");
        var group = await clinician.Client.CreateGroupAsync(clinician.ClinicianId);
        var client = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, firstName, lastName));
        var added = await clinician.Client.AddMemberAsync(group, client);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        return (clinician, group, client);
    }

    [Fact]
    public async Task AddMember_Is200AndTheGroupListsThemAsJoinedToday()
    {
        var clinician = await app.StaffAsync("Clinician");
        var group = await clinician.Client.CreateGroupAsync(clinician.ClinicianId);
        var lastName = UniqueName("Lovelace");
        var client = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, "Ada", lastName));

        var response = await clinician.Client.AddMemberAsync(group, client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var member = Assert.Single((await clinician.Client.GroupAsync(group)).GetProperty("members").EnumerateArray());
        Assert.Equal(client, member.GetProperty("clientId").GetString());
        Assert.Equal("2026-12-01", member.GetProperty("joinedOn").GetString());
        Assert.Equal("Ada", member.GetProperty("firstName").GetString());
        Assert.Equal(lastName, member.GetProperty("lastName").GetString());
    }

    [Fact]
    public async Task AddMember_ReturnsTheGroupWithTheNewMember()
    {
        var clinician = await app.StaffAsync("Clinician");
        var group = await clinician.Client.CreateGroupAsync(clinician.ClinicianId);
        var client = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId));

        var response = await clinician.Client.AddMemberAsync(group, client);

        Assert.Equal([client], (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).MemberIds());
    }

    [Fact]
    public async Task RemoveMember_TakesThemOffTheMembers()
    {
        var (clinician, group, client) = await GroupWithOneMemberAsync();

        var response = await clinician.Client.DeleteAsync($"/api/v1/groups/{group}/members/{client}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await clinician.Client.GroupAsync(group)).MemberIds());
    }

    [Fact]
    public async Task RemoveMember_KeepsTheStayInHistoryWithLeftOnToday()
    {
        var (clinician, group, client) = await GroupWithOneMemberAsync();

        await clinician.Client.DeleteAsync($"/api/v1/groups/{group}/members/{client}", Ct);

        var stay = Assert.Single((await clinician.Client.GroupAsync(group)).GetProperty("history").EnumerateArray());
        Assert.Equal(client, stay.GetProperty("clientId").GetString());
        Assert.Equal("2026-12-01", stay.GetProperty("joinedOn").GetString());
        Assert.Equal("2026-12-01", stay.GetProperty("leftOn").GetString());
    }

    [Fact]
    public async Task History_OfACurrentMember_HasNoLeftOn()
    {
        var (clinician, group, _) = await GroupWithOneMemberAsync();

        var stay = Assert.Single((await clinician.Client.GroupAsync(group)).GetProperty("history").EnumerateArray());

        Assert.Equal(JsonValueKind.Null, stay.GetProperty("leftOn").ValueKind);
    }

    [Fact]
    public async Task AddMember_AfterLeaving_OpensASecondStayAndKeepsTheFirst()
    {
        var (clinician, group, client) = await GroupWithOneMemberAsync();
        await clinician.Client.DeleteAsync($"/api/v1/groups/{group}/members/{client}", Ct);

        var response = await clinician.Client.AddMemberAsync(group, client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await clinician.Client.GroupAsync(group);
        Assert.Equal([client], after.MemberIds());
        var stays = after.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, stays.Count);
        Assert.Equal(1, stays.Count(s => s.GetProperty("leftOn").ValueKind == JsonValueKind.Null));
        Assert.Equal(1, stays.Count(s => s.GetProperty("leftOn").GetString() == "2026-12-01"));
    }

    [Fact]
    public async Task RemoveMember_WhoIsNotAMember_Is409NotAMember()
    {
        var (clinician, group, client) = await GroupWithOneMemberAsync();
        await clinician.Client.DeleteAsync($"/api/v1/groups/{group}/members/{client}", Ct);

        var response = await clinician.Client.DeleteAsync($"/api/v1/groups/{group}/members/{client}", Ct);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "not-a-member");
    }

    [Fact]
    public async Task AddMember_WhoIsAlreadyAMember_Is409AlreadyMember()
    {
        var (clinician, group, client) = await GroupWithOneMemberAsync();

        var response = await clinician.Client.AddMemberAsync(group, client);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "already-member");
        Assert.Single((await clinician.Client.GroupAsync(group)).GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task AddMember_WhenTheGroupIsFull_Is409GroupFull()
    {
        var clinician = await app.StaffAsync("Clinician");
        var group = await clinician.Client.CreateGroupAsync(clinician.ClinicianId, capacity: 2);
        foreach (var name in new[] { "Ann", "Ben" })
        {
            await clinician.Client.AddMemberAsync(group, await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, name)));
        }

        var response = await clinician.Client.AddMemberAsync(group, await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, "Cal")));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "group-full");
        Assert.Equal(2, (await clinician.Client.GroupAsync(group)).MemberIds().Count());
    }

    [Fact]
    public async Task AddMember_ADischargedClient_Is409ClientDischarged()
    {
        var clinician = await app.StaffAsync("Clinician");
        var group = await clinician.Client.CreateGroupAsync(clinician.ClinicianId);
        var client = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId));
        await clinician.Client.PostAsync($"/api/v1/clients/{client}/discharge", null, Ct);

        var response = await clinician.Client.AddMemberAsync(group, client);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "client-discharged");
    }

    [Fact]
    public async Task AddMember_ToAnArchivedGroup_Is409GroupArchived()
    {
        var clinician = await app.StaffAsync("Clinician");
        var group = await clinician.Client.CreateGroupAsync(clinician.ClinicianId);
        var client = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId));
        await clinician.Client.PostAsync($"/api/v1/groups/{group}/archive", null, Ct);

        var response = await clinician.Client.AddMemberAsync(group, client);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "group-archived");
    }

    [Fact]
    public async Task AddMember_AnUnknownClient_Is404()
    {
        var clinician = await app.StaffAsync("Clinician");
        var group = await clinician.Client.CreateGroupAsync(clinician.ClinicianId);

        var response = await clinician.Client.AddMemberAsync(group, "no-such-client");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task AddMember_ToAnUnknownGroup_Is404()
    {
        var clinician = await app.StaffAsync("Clinician");
        var client = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId));

        var response = await clinician.Client.AddMemberAsync("no-such-group", client);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task List_CountsOnlyCurrentMembers()
    {
        var (clinician, group, leaving) = await GroupWithOneMemberAsync();
        await clinician.Client.AddMemberAsync(group, await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, "Ben")));
        await clinician.Client.AddMemberAsync(group, await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, "Cal")));
        await clinician.Client.DeleteAsync($"/api/v1/groups/{group}/members/{leaving}", Ct);

        var groups = await clinician.Client.GetFromJsonAsync<JsonElement>("/api/v1/groups", Ct);

        Assert.Equal(2, Assert.Single(groups.EnumerateArray()).GetProperty("memberCount").GetInt32());
    }

    [Fact]
    public async Task Archive_TakesTheGroupOffTheListAndArchivedTrueShowsIt()
    {
        var clinician = await app.StaffAsync("Clinician");
        var group = await clinician.Client.CreateGroupAsync(clinician.ClinicianId);

        var response = await clinician.Client.PostAsync($"/api/v1/groups/{group}/archive", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await clinician.Client.GetFromJsonAsync<JsonElement>("/api/v1/groups", Ct)).EnumerateArray());
        var archived = Assert.Single((await clinician.Client.GetFromJsonAsync<JsonElement>("/api/v1/groups?archived=true", Ct)).EnumerateArray());
        Assert.Equal(group, archived.GetProperty("id").GetString());
        Assert.True(archived.GetProperty("archived").GetBoolean());
    }

    [Fact]
    public async Task Restore_BringsAnArchivedGroupBackToTheList()
    {
        var clinician = await app.StaffAsync("Clinician");
        var group = await clinician.Client.CreateGroupAsync(clinician.ClinicianId);
        await clinician.Client.PostAsync($"/api/v1/groups/{group}/archive", null, Ct);

        var response = await clinician.Client.PostAsync($"/api/v1/groups/{group}/restore", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = Assert.Single((await clinician.Client.GetFromJsonAsync<JsonElement>("/api/v1/groups", Ct)).EnumerateArray());
        Assert.False(listed.GetProperty("archived").GetBoolean());
    }

    /// <remarks>
    /// Rule 1 says a group holds only active clients of its clinician (adding a discharged client is refused).
    /// Discharging a member must not leave a discharged client on the roster that new appointments copy.
    /// </remarks>
    [Fact]
    public async Task Discharge_OfAGroupMember_LeavesNoDischargedClientOnTheRoster()
    {
        var (clinician, group, client) = await GroupWithOneMemberAsync();

        var discharge = await clinician.Client.PostAsync($"/api/v1/clients/{client}/discharge", null, Ct);

        if (discharge.StatusCode != HttpStatusCode.Conflict)
        {
            Assert.Equal(HttpStatusCode.NoContent, discharge.StatusCode);
            Assert.DoesNotContain(client, (await clinician.Client.GroupAsync(group)).MemberIds());
        }
    }

    /// <remarks>
    /// Rule 1: a group holds only its own clinician's clients. A transfer of care must either be refused while the client
    /// is in the old clinician's group or end that stay; otherwise the old clinician keeps seeing (and scheduling) a client
    /// who is no longer theirs.
    /// </remarks>
    [Fact]
    public async Task Transfer_OfAGroupMemberToAnotherClinician_LeavesNoOtherClinicsClientOnTheRoster_Rule1()
    {
        var scheduler = await app.StaffAsync("Scheduler");
        var riley = await app.StaffAsync("Clinician");
        var (morgan, group, client) = await GroupWithOneMemberAsync();

        var transfer = await scheduler.Client.PutAsJsonAsync($"/api/v1/clients/{client}", NewClient(riley.ClinicianId), Ct);

        if (transfer.StatusCode != HttpStatusCode.Conflict)
        {
            Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
            Assert.DoesNotContain(client, (await morgan.Client.GroupAsync(group)).MemberIds());
        }
    }
}

public sealed class GroupMembershipSqliteTests(SqliteApp app) : GroupMembershipTests(app), IClassFixture<SqliteApp>;

public sealed class GroupMembershipPostgresTests(PostgresApp app) : GroupMembershipTests(app), IClassFixture<PostgresApp>;
