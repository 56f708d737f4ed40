using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Reminders;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Portal;

/// <summary>
/// The portal scene with self-booking on (three seats a session, the scene's members) and a fourth client, Dave, who is
/// eligible to book the group but not a member. Every one of them is invited and signed in over the portal API.
/// </summary>
public sealed record BookingScene(PortalScene Scene, SceneClient Dave, IReadOnlyDictionary<string, HttpClient> Portal)
{
    public HttpClient Staff => Scene.Http;

    public HttpClient Of(SceneClient client) => Portal[client.Id];
}

public static class PortalRoutesApi
{
    public const string Appointments = "/portal/api/v1/appointments";
    public const string Openings = "/portal/api/v1/openings";
    public const string Bookings = "/portal/api/v1/bookings";
    public const string Waitlist = "/portal/api/v1/waitlist";
    public const string Invoices = "/portal/api/v1/invoices";
    public const string Statement = "/portal/api/v1/statement";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The clinician invites the client (the portal is on) and the client signs in with the code emailed to them.</summary>
    public static async Task<HttpClient> InviteAndSignInAsync(this ReminderApp app, Staff clinician, SceneClient client)
    {
        var before = app.Inbox.To(client.Email).Count;
        var invited = await clinician.Client.InviteAsync(client.Id);
        Assert.True(invited.StatusCode == HttpStatusCode.Accepted, await invited.Content.ReadAsStringAsync(Ct));
        await app.Inbox.WaitForAsync(client.Email, before + 1);
        return await app.SignedInAsync(new InvitedClient(clinician, client.Id, client.Email));
    }

    /// <summary>The portal scene, its group booking itself with three seats a session, and Dave eligible; all four signed in.</summary>
    public static async Task<BookingScene> BookingSceneAsync(this ReminderApp app)
    {
        await app.SetPortalAsync(true);
        var scene = await app.PortalSceneAsync();
        var clinician = scene.Setup.Clinician;
        var put = await scene.Http.PutAsJsonAsync($"/api/v1/groups/{scene.Setup.GroupId}",
            new { name = scene.InternalName, serviceCode = "90853", clientTitle = scene.ClientTitle, selfBooking = new { enabled = true, capacity = 3 } }, Ct);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync(Ct));

        var lastName = ClientsApi.UniqueName("Daveson");
        var dave = new SceneClient("", "Dave", lastName, $"{lastName.ToLowerInvariant()}@example.com");
        dave = dave with
        {
            Id = await scene.Http.CreateClientAsync(ClientsApi.NewClient(clinician.ClinicianId, dave.FirstName, dave.LastName) with
            {
                Email = dave.Email,
                Reminders = new RemindersPayload(Email: true, Text: false),
            }),
        };
        (await scene.Http.MarkEligibleAsync(scene.Setup.GroupId, dave.Id)).EnsureSuccessStatusCode();

        var portal = new Dictionary<string, HttpClient>();
        foreach (var client in new[] { scene.Alice, scene.Bob, scene.Carol, dave })
        {
            portal[client.Id] = await app.InviteAndSignInAsync(clinician, client);
        }

        return new BookingScene(scene, dave, portal);
    }

    public static async Task<JsonElement[]> ArrayAsync(this HttpClient http, string path)
    {
        var response = await http.GetAsync(path, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray()];
    }

    public static Task<HttpResponseMessage> BookAsync(this HttpClient http, string appointmentId) =>
        http.PostAsJsonAsync(Bookings, new { appointmentId }, Ct);

    public static Task<HttpResponseMessage> WaitAsync(this HttpClient http, string appointmentId) =>
        http.PostAsJsonAsync(Waitlist, new { appointmentId }, Ct);

    public static Task<HttpResponseMessage> CancelAsync(this HttpClient http, string appointmentId, bool? confirmLateFee = null) =>
        http.PostAsJsonAsync($"{Appointments}/{appointmentId}/cancel", new { confirmLateFee }, Ct);
}
