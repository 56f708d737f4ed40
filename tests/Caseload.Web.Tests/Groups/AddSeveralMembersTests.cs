using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Data;
using Caseload.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Caseload.Web.Tests.Clients.ClientsApi;
using static Caseload.Web.Tests.Groups.GroupsApi;

namespace Caseload.Web.Tests.Groups;

/// <summary>
/// Several clients join a group in one request (<c>{clientIds:[…]}</c>): all join, or none does, and a refusal
/// names the client at fault. Rule 1 holds for each of them.
/// </summary>
public abstract class AddSeveralMembersTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> AddMembersAsync(HttpClient http, string groupId, params string[] clientIds) =>
        http.PostAsJsonAsync($"/api/v1/groups/{groupId}/members", new { clientIds }, Ct);

    private async Task<(Staff Clinician, string Group, string[] Clients)> GroupAndClientsAsync(int clients, int? capacity = null)
    {
        var clinician = await app.StaffAsync("Clinician");
        var group = await clinician.Client.CreateGroupAsync(clinician.ClinicianId, capacity);
        var ids = new List<string>();
        for (var i = 0; i < clients; i++)
        {
            ids.Add(await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, $"Several{i}")));
        }

        return (clinician, group, [.. ids]);
    }

    private static string[] Sorted(IEnumerable<string> ids) => [.. ids.Order(StringComparer.Ordinal)];

    [Fact]
    public async Task AddMembers_WithAList_AllJoinTodayInOneRequest()
    {
        var (clinician, group, clients) = await GroupAndClientsAsync(3);

        var response = await AddMembersAsync(clinician.Client, group, clients);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var members = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(Sorted(clients), Sorted(members.Select(m => m.GetProperty("clientId").GetString()!)));
        Assert.All(members, m => Assert.Equal("2026-12-01", m.GetProperty("joinedOn").GetString()));
    }

    [Fact]
    public async Task AddMembers_WithAnotherClinicansClientInTheList_Is403ClientNotYours_NamingThatClient_AndNobodyJoins_Rule1()
    {
        var (clinician, group, clients) = await GroupAndClientsAsync(2);
        var other = await app.StaffAsync("Clinician");
        var theirs = await other.Client.CreateClientAsync(NewClient(other.ClinicianId, "Theirs"));

        var response = await AddMembersAsync(clinician.Client, group, clients[0], theirs, clients[1]);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "client-not-yours");
        Assert.Equal("clientIds[1]", problem.GetProperty("field").GetString());
        Assert.Contains(theirs, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Empty((await clinician.Client.GroupAsync(group)).MemberIds());
    }

    [Fact]
    public async Task AddMembers_WithAnUnknownClientInTheList_Is400NamingItsPlace_AndNobodyJoins()
    {
        var (clinician, group, clients) = await GroupAndClientsAsync(1);

        var response = await AddMembersAsync(clinician.Client, group, clients[0], "no-such-client");

        var problem = await response.AssertFieldErrorAsync("clientIds[1]");
        Assert.Contains("no-such-client", problem.GetProperty("errors").GetProperty("clientIds[1]")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty((await clinician.Client.GroupAsync(group)).MemberIds());
    }

    [Fact]
    public async Task AddMembers_MoreThanTheCapacityHolds_IsRefusedNamingTheFirstClientWhoDoesNotFit_AndNobodyJoins()
    {
        var (clinician, group, clients) = await GroupAndClientsAsync(3, capacity: 2);

        var response = await AddMembersAsync(clinician.Client, group, clients);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "group-full");
        Assert.Equal("clientIds[2]", problem.GetProperty("field").GetString());
        Assert.Empty((await clinician.Client.GroupAsync(group)).MemberIds());
    }

    [Fact]
    public async Task AddMembers_WithTheSameClientTwice_IsRefusedAsAlreadyAMember_AndNobodyJoins()
    {
        var (clinician, group, clients) = await GroupAndClientsAsync(1);

        var response = await AddMembersAsync(clinician.Client, group, clients[0], clients[0]);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "already-member");
        Assert.Equal("clientIds[1]", problem.GetProperty("field").GetString());
        Assert.Empty((await clinician.Client.GroupAsync(group)).MemberIds());
    }

    [Fact]
    public async Task AddMembers_WithAnEmptyList_Is400NamingClientIds()
    {
        var (clinician, group, _) = await GroupAndClientsAsync(0);

        await (await AddMembersAsync(clinician.Client, group)).AssertFieldErrorAsync("clientIds");
    }

    [Fact]
    public async Task AddMembers_WithBothClientIdAndClientIds_Is400()
    {
        var (clinician, group, clients) = await GroupAndClientsAsync(2);

        var response = await clinician.Client.PostAsJsonAsync($"/api/v1/groups/{group}/members", new { clientId = clients[0], clientIds = clients }, Ct);

        await response.AssertFieldErrorAsync("clientIds");
        Assert.Empty((await clinician.Client.GroupAsync(group)).MemberIds());
    }

    [Fact]
    public async Task AddMembers_ToAnotherClinicansGroup_Is404AndNobodyJoins_Rule1()
    {
        var (clinician, group, clients) = await GroupAndClientsAsync(2);
        var other = await app.StaffAsync("Clinician");

        await (await AddMembersAsync(other.Client, group, clients)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        Assert.Empty((await clinician.Client.GroupAsync(group)).MemberIds());
    }

    [Fact]
    public async Task AddMembers_IsAuditedOncePerClientWhoJoined_Rule14()
    {
        var (clinician, group, clients) = await GroupAndClientsAsync(2);

        (await AddMembersAsync(clinician.Client, group, clients)).EnsureSuccessStatusCode();

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        foreach (var client in clients)
        {
            Assert.Single(await db.AuditEntries.AsNoTracking()
                .Where(e => e.ClientId == client && e.Action == "change" && e.Detail!.StartsWith("joined")).ToListAsync(Ct));
        }
    }
}

public sealed class AddSeveralMembersSqliteTests(SqliteApp app) : AddSeveralMembersTests(app), IClassFixture<SqliteApp>;

public sealed class AddSeveralMembersPostgresTests(PostgresApp app) : AddSeveralMembersTests(app), IClassFixture<PostgresApp>;
