using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Notes;

/// <summary>The body of <c>PUT …/group-note</c>: the shared section and members' sections.</summary>
public sealed record NotePayload(SharedPayload Shared, IReadOnlyList<MemberPayload> Members);

public sealed record SharedPayload(string? Topic, string? Interventions, string? GroupProcess = null, int? SessionMinutes = 50);

public sealed record MemberPayload(
    string ClientId,
    string? Participation,
    string? Progress,
    string? MoodAffect,
    string? Plan,
    string Risk = "none",
    string? RiskDetail = null);

/// <summary>
/// A group session held a week ago (Tuesday 24 November 2026, 10:00 New York) by a clinician of
/// two clients of their own, Alice and Bob, both marked attended.
/// </summary>
public sealed record HeldSession(GroupSetup Setup, string Id)
{
    public HttpClient Http => Setup.Http;

    public Staff Clinician => Setup.Clinician;

    public string Alice => Setup.Members[0];

    public string Bob => Setup.Members[1];

    public string NotePath => $"/api/v1/appointments/{Id}/group-note";

    public NotePayload Complete() => new(NotesApi.Shared, [NotesApi.AliceSection(Alice), NotesApi.BobSection(Bob)]);
}

/// <summary>Group notes (rule 12) over the pinned API.</summary>
public static class NotesApi
{
    public const string HeldLastWeek = "2026-11-24T10:00:00-05:00";

    /// <summary>Text only Alice's section holds, so a page that shows it is showing Alice's section.</summary>
    public const string AliceParticipation = "Alice described her sleep diary in detail";

    /// <summary>Text only Bob's section holds, so a page that shows it leaks Bob's section.</summary>
    public const string BobParticipation = "Bob disclosed a relapse over the weekend";

    public static readonly SharedPayload Shared = new("Coping with holiday stress", "CBT thought records and paced breathing", "Cohesive, supportive");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static MemberPayload AliceSection(string alice) =>
        new(alice, AliceParticipation, "Kept the diary five nights of seven", "Bright, reactive", "Continue the sleep diary");

    public static MemberPayload BobSection(string bob) =>
        new(bob, BobParticipation, "Used the urge-surfing skill once", "Flat, anxious", "Review relapse plan next week");

    /// <summary>A session held a week ago with Alice and Bob, both marked attended, and no note yet.</summary>
    public static async Task<HeldSession> HeldSessionAsync(this CaseloadApp app)
    {
        var setup = await app.ClinicianWithGroupAsync(members: 2);
        var session = new HeldSession(setup, (await setup.Http.BookOneAsync(setup.Session(HeldLastWeek))).Id());
        foreach (var member in setup.Members)
        {
            var attended = await setup.Http.PostAsync($"/api/v1/appointments/{session.Id}/invitees/{member}/attended", null, Ct);
            Assert.True(attended.IsSuccessStatusCode, await attended.Content.ReadAsStringAsync(Ct));
        }

        return session;
    }

    public static Task<HttpResponseMessage> PutNoteAsync(this HttpClient http, string appointmentId, NotePayload note, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/appointments/{appointmentId}/group-note") { Content = JsonContent.Create(note) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return http.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> GetNoteAsync(this HttpClient http, string appointmentId) =>
        http.GetAsync($"/api/v1/appointments/{appointmentId}/group-note", Ct);

    public static Task<HttpResponseMessage> SignNoteAsync(this HttpClient http, string appointmentId) =>
        http.PostAsync($"/api/v1/appointments/{appointmentId}/group-note/sign", null, Ct);

    public static Task<HttpResponseMessage> AddAddendumAsync(this HttpClient http, string appointmentId, string? text) =>
        http.PostAsJsonAsync($"/api/v1/appointments/{appointmentId}/group-note/addenda", new { text }, Ct);

    /// <summary>Saves the draft and returns the note the API answers, failing the test unless it is 200.</summary>
    public static async Task<JsonElement> SaveDraftAsync(this HttpClient http, string appointmentId, NotePayload note) =>
        await (await http.PutNoteAsync(appointmentId, note)).AssertOkAsync();

    /// <summary>Saves the complete draft and signs it; returns the signed note.</summary>
    public static async Task<JsonElement> SignedAsync(this HeldSession session)
    {
        await session.Http.SaveDraftAsync(session.Id, session.Complete());
        return await (await session.Http.SignNoteAsync(session.Id)).AssertOkAsync();
    }

    /// <summary>Marks the client missed with no charge, failing the test unless the API agrees.</summary>
    public static async Task MarkMissedAsync(this HttpClient http, string appointmentId, string clientId)
    {
        var response = await http.PostAsJsonAsync($"/api/v1/appointments/{appointmentId}/invitees/{clientId}/missed",
            new { reason = "No-show", charge = 0.00m }, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>The test clock's instant as the API writes it: with New York's offset, e.g. 2026-12-01T10:00:00-05:00.</summary>
    public static string Now(this CaseloadApp app) =>
        TimeZoneInfo.ConvertTime(app.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"))
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<JsonElement> AssertOkAsync(this HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static JsonElement MemberOf(this JsonElement note, string clientId) =>
        note.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("clientId").GetString() == clientId);
}
