using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Web.Tests.Portal;

/// <summary>One client of the scene: their id and what the others must never learn about them.</summary>
public sealed record SceneClient(string Id, string FirstName, string LastName, string Email)
{
    /// <summary>Every piece of this client that may not appear in another client's portal answer or file.</summary>
    public IEnumerable<string> Traces => [Id, LastName, Email];
}

/// <summary>
/// A clinician's group with an internal name no client should read and a client-facing title, and three members
/// (Alice, Bob, Carol) with names and emails of their own, opted in to email reminders. Made over the staff API.
/// </summary>
public sealed record PortalScene(GroupSetup Setup, string InternalName, string ClientTitle, SceneClient Alice, SceneClient Bob, SceneClient Carol)
{
    public HttpClient Http => Setup.Http;

    public IEnumerable<SceneClient> Others => [Bob, Carol];

    /// <summary>A group session of the three at <paramref name="start"/>, in Room 2; returns its id.</summary>
    public async Task<string> GroupSessionAsync(string start) =>
        (await Http.BookOneAsync(Setup.Session(start) with { Location = "Room 2" })).Id();

    /// <summary>An individual session of <paramref name="client"/>'s at <paramref name="start"/>; returns its id.</summary>
    public async Task<string> IndividualSessionAsync(SceneClient client, string start) =>
        (await Http.BookOneAsync(SchedulingApi.Individual(Setup.ClinicianId, client.Id, start) with { Location = "Room 5" })).Id();
}

public static class PortalSceneApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="change">Adjusts each member's client record (a missed-session fee, insurance) before it is made.</param>
    public static async Task<PortalScene> PortalSceneAsync(this CaseloadApp app, Func<ClientPayload, ClientPayload>? change = null)
    {
        var clinician = await app.StaffAsync("Clinician");
        var internalName = SchedulingApi.UniqueName("DBT skills court-ordered ");
        const string clientTitle = "Tuesday evening group";
        var created = await clinician.Client.PostAsJsonAsync("/api/v1/groups",
            new { name = internalName, clinicianId = clinician.ClinicianId, serviceCode = "90853", clientTitle }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var groupId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var setup = new GroupSetup(clinician, groupId, internalName, []);

        async Task<SceneClient> JoinAsync(string firstName)
        {
            var lastName = ClientsApi.UniqueName(firstName + "son");
            var email = $"{lastName.ToLowerInvariant()}@example.com";
            var payload = ClientsApi.NewClient(clinician.ClinicianId, firstName, lastName) with
            {
                Email = email,
                Reminders = new RemindersPayload(Email: true, Text: false),
            };
            var id = await setup.MemberAsync(_ => change is null ? payload : change(payload));
            return new SceneClient(id, firstName, lastName, email);
        }

        var (alice, bob, carol) = (await JoinAsync("Alice"), await JoinAsync("Bob"), await JoinAsync("Carol"));
        return new PortalScene(setup with { Members = [alice.Id, bob.Id, carol.Id] }, internalName, clientTitle, alice, bob, carol);
    }

    /// <summary>Sets the practice's missed-session fee (as the administrator); returns the one it replaced.</summary>
    public static async Task<decimal> SetPracticeMissedSessionFeeAsync(this CaseloadApp app, decimal fee)
    {
        var admin = await app.AdminAsync();
        var practice = JsonNode.Parse(await admin.GetStringAsync("/api/v1/practice", Ct))!;
        var before = practice["missedSessionFee"]!.GetValue<decimal>();
        practice["missedSessionFee"] = fee;
        var response = await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return before;
    }
}
