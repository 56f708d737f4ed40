using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Scheduling;

public sealed record InviteePayload(string ClientId, bool CreateInvoice = true);

public sealed record RecurrencePayload(string? Frequency, int? Interval = 1, int? Count = null, string? Until = null)
{
    public static RecurrencePayload Weekly(int count, int interval = 1) => new("weekly", interval, count);
}

/// <summary>The body of <c>POST /api/v1/appointments</c>; tests change the field they are about with <c>with</c>.</summary>
public sealed record AppointmentPayload(
    string? Kind,
    string? ClinicianId,
    string? ServiceCode,
    string? GroupId,
    string? ClientId,
    string? Start,
    int? DurationMinutes,
    string? Location = null,
    IReadOnlyList<InviteePayload>? Invitees = null,
    RecurrencePayload? Recurrence = null,
    string? Memo = null);

/// <summary>A clinician with a group of clients on their caseload, all made over the API.</summary>
public sealed record GroupSetup(Staff Clinician, string GroupId, string GroupName, IReadOnlyList<string> Members)
{
    public HttpClient Http => Clinician.Client;

    public string ClinicianId => Clinician.ClinicianId!;

    /// <summary>A group appointment for the whole group at <paramref name="start"/>, 50 minutes.</summary>
    public AppointmentPayload Session(string start = SchedulingApi.NextTuesdayAt10) =>
        new("group", ClinicianId, "90853", GroupId, null, start, 50);
}

/// <summary>Makes clinicians, clients, groups and appointments over the pinned API for the scheduling scenarios.</summary>
public static class SchedulingApi
{
    /// <summary>Tuesday 8 December 2026, 10:00 in New York: a week after the test clock's "today".</summary>
    public const string NextTuesdayAt10 = "2026-12-08T10:00:00-05:00";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A surname no other test uses, so scenarios sharing a database never see each other's clients.</summary>
    public static string UniqueName(string stem) =>
        stem + new string([.. Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + (c % 26)))]);

    public static AppointmentPayload Individual(string? clinicianId, string? clientId, string start = NextTuesdayAt10) =>
        new("individual", clinicianId, "90834", null, clientId, start, 50);

    public static async Task<string> CreateClientAsync(this HttpClient http, string? clinicianId, string firstName = "Ada")
    {
        var response = await http.PostAsJsonAsync("/api/v1/clients", new
        {
            firstName,
            lastName = UniqueName("Tester"),
            dateOfBirth = "1985-04-12",
            email = "client@example.com",
            mobile = "+1 555 010 2040",
            clinicianId,
            reminders = new { email = false, text = false },
            billing = new { mode = "selfPay" },
        }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("client").GetProperty("id").GetString()!;
    }

    public static async Task<string> CreateGroupAsync(this HttpClient http, string? clinicianId, string name, int? capacity = null)
    {
        var response = await http.PostAsJsonAsync("/api/v1/groups", new { name, clinicianId, serviceCode = "90853", capacity }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    public static async Task AddMemberAsync(this HttpClient http, string groupId, string clientId)
    {
        var response = await http.PostAsJsonAsync($"/api/v1/groups/{groupId}/members", new { clientId }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>A new clinician running a new group with <paramref name="members"/> clients of their own.</summary>
    public static async Task<GroupSetup> ClinicianWithGroupAsync(this CaseloadApp app, int members = 2, int? capacity = null)
    {
        var clinician = await app.StaffAsync("Clinician");
        var name = UniqueName("Group ");
        var group = await clinician.Client.CreateGroupAsync(clinician.ClinicianId, name, capacity);
        var clients = new List<string>();
        for (var i = 0; i < members; i++)
        {
            var client = await clinician.Client.CreateClientAsync(clinician.ClinicianId, $"Member{i}");
            await clinician.Client.AddMemberAsync(group, client);
            clients.Add(client);
        }

        return new GroupSetup(clinician, group, name, clients);
    }

    public static Task<HttpResponseMessage> PostAppointmentAsync(this HttpClient http, AppointmentPayload payload) =>
        http.PostAsJsonAsync("/api/v1/appointments", payload, Ct);

    /// <summary>Books and returns the 201 body: <c>{seriesId, appointments, warnings}</c>.</summary>
    public static async Task<JsonElement> BookAsync(this HttpClient http, AppointmentPayload payload)
    {
        var response = await http.PostAppointmentAsync(payload);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>Books a single appointment and returns it.</summary>
    public static async Task<JsonElement> BookOneAsync(this HttpClient http, AppointmentPayload payload) =>
        Assert.Single((await http.BookAsync(payload)).GetProperty("appointments").EnumerateArray());

    public static async Task<JsonElement> AppointmentAsync(this HttpClient http, string id)
    {
        var response = await http.GetAsync($"/api/v1/appointments/{id}", Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static async Task<JsonElement[]> FeedAsync(this HttpClient http, string from, string to, string? clinicianId = null)
    {
        var query = $"/api/v1/appointments?from={from}&to={to}" + (clinicianId is null ? "" : $"&clinicianId={clinicianId}");
        var response = await http.GetAsync(query, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray()];
    }

    public static string Id(this JsonElement appointment) => appointment.GetProperty("id").GetString()!;

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static string[] Ids(this IEnumerable<JsonElement> appointments) => [.. appointments.Select(Id)];

    public static JsonElement[] Appointments(this JsonElement booking) => [.. booking.GetProperty("appointments").EnumerateArray()];

    public static string[] InviteeIds(this JsonElement appointment) =>
        [.. appointment.GetProperty("invitees").EnumerateArray().Select(i => i.GetProperty("clientId").GetString()!).Order(StringComparer.Ordinal)];

    public static string[] Sorted(params string[] ids) => [.. ids.Order(StringComparer.Ordinal)];
}
