using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Domain;
using Caseload.Web.Features.Portal.Booking;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Web.Tests.Portal;

/// <summary>
/// A clinician's self-booking group: members invited to one session a week ahead, and clients marked eligible to
/// book it themselves, each with an email address of their own. Made over the staff API.
/// </summary>
public sealed record SelfBookingSetup(GroupSetup Group, string SessionId, IReadOnlyList<string> Eligible, IReadOnlyDictionary<string, string> Emails)
{
    public HttpClient Http => Group.Http;

    public string GroupId => Group.GroupId;
}

public static class SelfBookingApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A start on the hour <paramref name="days"/> after the test clock's now, in UTC (an RFC 3339 offset).</summary>
    public static string DaysAhead(this CaseloadApp app, int days) =>
        app.Time.GetUtcNow().AddDays(days).ToString("yyyy-MM-dd'T'HH:00:00'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A group of <paramref name="members"/> with self-booking on and <paramref name="seats"/> seats a session, one
    /// session a week ahead (the members invited), and <paramref name="eligible"/> more clients marked eligible.
    /// </summary>
    public static async Task<SelfBookingSetup> SelfBookingGroupAsync(this CaseloadApp app, int seats, int members = 2, int eligible = 3, bool emailReminders = false)
    {
        var group = await app.ClinicianWithGroupAsync(members);
        var put = await group.Http.PutAsJsonAsync($"/api/v1/groups/{group.GroupId}",
            new { name = group.GroupName, serviceCode = "90853", selfBooking = new { enabled = true, capacity = seats } }, Ct);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync(Ct));
        var session = (await group.Http.BookOneAsync(group.Session(app.DaysAhead(7)))).Id();
        var clients = new List<string>();
        var emails = new Dictionary<string, string>();
        for (var i = 0; i < eligible; i++)
        {
            var email = $"{Guid.NewGuid():N}@booking.test.example";
            var client = await group.Http.CreateClientAsync(ClientsApi.NewClient(group.ClinicianId, $"Booker{i}") with
            {
                Email = email,
                Reminders = new RemindersPayload(Email: emailReminders, Text: false),
            });
            (await group.Http.MarkEligibleAsync(group.GroupId, client)).EnsureSuccessStatusCode();
            clients.Add(client);
            emails[client] = email;
        }

        return new SelfBookingSetup(group, session, clients, emails);
    }

    public static Task<HttpResponseMessage> MarkEligibleAsync(this HttpClient http, string groupId, string clientId) =>
        http.PostAsJsonAsync($"/api/v1/groups/{groupId}/eligible", new { clientId }, Ct);

    /// <summary>Runs a client-side use case as the portal will: resolved from the app's services in a scope of its own.</summary>
    public static async Task<T> AsClientAsync<TUseCase, T>(this CaseloadApp app, Func<TUseCase, Task<T>> use)
        where TUseCase : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }

    public static Task<Outcome<BookedSeat>> BookSeatAsync(this CaseloadApp app, string clientId, string appointmentId) =>
        app.AsClientAsync<BookSeat, Outcome<BookedSeat>>(u => u.HandleAsync(new BookSeatCommand(clientId, appointmentId), Ct));

    public static Task<Outcome<WaitlistPlace>> JoinWaitlistAsync(this CaseloadApp app, string clientId, string appointmentId) =>
        app.AsClientAsync<JoinWaitlist, Outcome<WaitlistPlace>>(u => u.HandleAsync(new JoinWaitlistCommand(clientId, appointmentId), Ct));

    public static Task<IReadOnlyList<WaitlistPlaceView>> WaitlistOfAsync(this CaseloadApp app, string clientId) =>
        app.AsClientAsync<ClientWaitlist, IReadOnlyList<WaitlistPlaceView>>(u => u.ForClientAsync(clientId, Ct));

    public static Task<IReadOnlyList<Opening>> OpeningsOfAsync(this CaseloadApp app, string clientId) =>
        app.AsClientAsync<Openings, IReadOnlyList<Opening>>(u => u.ForClientAsync(clientId, Ct));

    public static Task<Outcome<BookedSeat>> AcceptAsync(this CaseloadApp app, string clientId, string entryId) =>
        app.AsClientAsync<AcceptOffer, Outcome<BookedSeat>>(u => u.HandleAsync(new AcceptOfferCommand(clientId, entryId), Ct));

    public static Task<Outcome> DeclineAsync(this CaseloadApp app, string clientId, string entryId) =>
        app.AsClientAsync<DeclineOffer, Outcome>(u => u.HandleAsync(new DeclineOfferCommand(clientId, entryId), Ct));

    /// <summary>Fills the session's free seats with eligible clients, first to last, until it is full.</summary>
    public static async Task FillAsync(this CaseloadApp app, string appointmentId, IEnumerable<string> clients)
    {
        foreach (var client in clients)
        {
            Assert.True((await app.BookSeatAsync(client, appointmentId)).Succeeded);
        }
    }

    public static void AssertRefused<T>(this Outcome<T> outcome, string code) =>
        Assert.True(outcome.First?.Code == code, $"expected {code}, got {outcome.First?.Code ?? "success"}");

    public static void AssertRefused(this Outcome outcome, string code) =>
        Assert.True(outcome.First?.Code == code, $"expected {code}, got {outcome.First?.Code ?? "success"}");

    public static async Task<JsonElement> WaitlistAsync(this HttpClient http, string appointmentId)
    {
        var response = await http.GetAsync($"/api/v1/appointments/{appointmentId}/waitlist", Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static string[] EntryClients(this JsonElement waitlist) =>
        [.. waitlist.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("clientId").GetString()!)];
}
