using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using NodaTime;

namespace Caseload.Web.Tests.Scheduling;

/// <summary>The session's calendar day in the practice zone against the test clock's day there.</summary>
public enum SessionDay
{
    /// <summary>A week ago.</summary>
    Past,

    /// <summary>Today at 18:00, saved earlier today.</summary>
    Today,

    /// <summary>Tomorrow at 10:00.</summary>
    Tomorrow,

    /// <summary>A week from today at 10:00.</summary>
    Later,
}

/// <summary>A single group appointment, or the first occurrence of a weekly series of three.</summary>
public enum SessionKind
{
    Single,
    SeriesOccurrence,
}

/// <summary>A group session as booked over the API: the appointment a test acts on and its whole series.</summary>
public sealed record BookedSession(GroupSetup Setup, JsonElement Appointment, IReadOnlyList<JsonElement> Series)
{
    public HttpClient Http => Setup.Http;

    public string Id => Appointment.Id();

    /// <summary>The member tests remove or mark; the other member is there to show it is one client only.</summary>
    public string Alice => Setup.Members[0];

    public string Bob => Setup.Members[1];

    public IEnumerable<string> OtherOccurrences => Series.Skip(1).Select(a => a.Id());
}

/// <summary>Rules 5–8 over the pinned API, with the practice's day read from the test clock (New York in these classes).</summary>
public static class AttendanceApi
{
    public static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static LocalDate Today(this CaseloadApp app) => Instant.FromDateTimeOffset(app.Time.GetUtcNow()).InZone(NewYork).Date;

    /// <summary>The practice's date <paramref name="days"/> from today, as the API writes it.</summary>
    public static string Date(this CaseloadApp app, int days) =>
        app.Today().PlusDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 start <paramref name="days"/> from the practice's today at <paramref name="hour"/>:00, with New York's offset.</summary>
    public static string At(this CaseloadApp app, int days, int hour = 10) => Rfc3339(app.Today().PlusDays(days).At(new LocalTime(hour, 0)));

    public static string Rfc3339(LocalDateTime local) =>
        local.InZoneLeniently(NewYork).ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string StartOf(this CaseloadApp app, SessionDay day) => day switch
    {
        SessionDay.Past => app.At(-7),
        SessionDay.Today => app.At(0, hour: 18),
        SessionDay.Tomorrow => app.At(1),
        _ => app.At(7),
    };

    /// <summary>A new clinician's two-member group, booked on <paramref name="day"/> as one appointment or a weekly series of three.</summary>
    public static async Task<BookedSession> BookedAsync(this CaseloadApp app, SessionDay day, SessionKind kind = SessionKind.Single)
    {
        var setup = await app.ClinicianWithGroupAsync();
        return await setup.BookedAsync(app.StartOf(day), kind);
    }

    public static async Task<BookedSession> BookedAsync(this GroupSetup setup, string start, SessionKind kind = SessionKind.Single)
    {
        var payload = setup.Session(start) with { Location = "Room 2" };
        var booked = (await setup.Http.BookAsync(kind == SessionKind.Single ? payload : payload with { Recurrence = RecurrencePayload.Weekly(3) }))
            .Appointments();
        return new BookedSession(setup, booked[0], booked);
    }

    /// <summary>A new group of <paramref name="clinician"/>'s with two new clients in it.</summary>
    public static async Task<GroupSetup> GroupOfTwoAsync(this Staff clinician)
    {
        var name = SchedulingApi.UniqueName("Group ");
        var group = await SchedulingApi.CreateGroupAsync(clinician.Client, clinician.ClinicianId, name);
        var members = new List<string>();
        foreach (var firstName in new[] { "Alice", "Bob" })
        {
            var client = await SchedulingApi.CreateClientAsync(clinician.Client, clinician.ClinicianId, firstName);
            await SchedulingApi.AddMemberAsync(clinician.Client, group, client);
            members.Add(client);
        }

        return new GroupSetup(clinician, group, name, members);
    }

    /// <summary>A new client of the group's clinician who joins the group; <paramref name="change"/> adjusts the client first.</summary>
    public static async Task<string> MemberAsync(this GroupSetup setup, Func<ClientPayload, ClientPayload>? change = null)
    {
        var payload = ClientsApi.NewClient(setup.ClinicianId, "Joiner");
        var client = await setup.Http.CreateClientAsync(change is null ? payload : change(payload));
        await SchedulingApi.AddMemberAsync(setup.Http, setup.GroupId, client);
        return client;
    }

    public static Task<HttpResponseMessage> RemoveInviteeAsync(this HttpClient http, string appointmentId, string clientId) =>
        http.DeleteAsync($"/api/v1/appointments/{appointmentId}/invitees/{clientId}", Ct);

    public static Task<HttpResponseMessage> MarkMissedAsync(this HttpClient http, string appointmentId, string clientId, object body) =>
        http.PostAsJsonAsync($"/api/v1/appointments/{appointmentId}/invitees/{clientId}/missed", body, Ct);

    public static Task<HttpResponseMessage> MarkMissedAsync(this HttpClient http, string appointmentId, string clientId, string reason = "No-show", decimal charge = 0m) =>
        http.MarkMissedAsync(appointmentId, clientId, new { reason, charge });

    /// <summary>Marks missed and returns the note; fails the test unless the API answers 200.</summary>
    public static async Task<JsonElement> MissedAsync(this HttpClient http, string appointmentId, string clientId, object body)
    {
        var response = await http.MarkMissedAsync(appointmentId, clientId, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static Task<HttpResponseMessage> MissedNoteAsync(this HttpClient http, string appointmentId, string clientId) =>
        http.GetAsync($"/api/v1/appointments/{appointmentId}/invitees/{clientId}/missed", Ct);

    public static Task<HttpResponseMessage> UndoMissedAsync(this HttpClient http, string appointmentId, string clientId) =>
        http.DeleteAsync($"/api/v1/appointments/{appointmentId}/invitees/{clientId}/missed", Ct);

    public static Task<HttpResponseMessage> MarkAttendedAsync(this HttpClient http, string appointmentId, string clientId) =>
        http.PostAsync($"/api/v1/appointments/{appointmentId}/invitees/{clientId}/attended", null, Ct);

    public static Task<HttpResponseMessage> UnmarkAttendedAsync(this HttpClient http, string appointmentId, string clientId) =>
        http.DeleteAsync($"/api/v1/appointments/{appointmentId}/invitees/{clientId}/attended", Ct);

    public static Task<HttpResponseMessage> AddInviteeAsync(this HttpClient http, string appointmentId, string clientId) =>
        http.PostAsJsonAsync($"/api/v1/appointments/{appointmentId}/invitees", new { clientId, createInvoice = true }, Ct);

    public static Task<HttpResponseMessage> DeleteAppointmentAsync(this HttpClient http, string appointmentId) =>
        http.DeleteAsync($"/api/v1/appointments/{appointmentId}", Ct);

    public static Task<HttpResponseMessage> DeleteSeriesAsync(this HttpClient http, string seriesId, string? from) =>
        http.DeleteAsync($"/api/v1/series/{seriesId}" + (from is null ? "" : $"?from={from}"), Ct);

    public static Task<HttpResponseMessage> SyncRosterAsync(this HttpClient http, string groupId) =>
        http.PostAsync($"/api/v1/groups/{groupId}/sync-future-appointments", null, Ct);

    /// <summary>Starts the session's group note as a draft with a topic only; fails the test unless the API answers 200.</summary>
    public static async Task SaveDraftNoteAsync(this HttpClient http, string appointmentId)
    {
        var response = await http.PutAsJsonAsync($"/api/v1/appointments/{appointmentId}/group-note",
            new { shared = new { topic = "Planning the next session" }, members = Array.Empty<object>() }, Ct);
        await response.OkJsonAsync();
    }

    public static Task<HttpResponseMessage> LeaveGroupAsync(this HttpClient http, string groupId, string clientId) =>
        http.DeleteAsync($"/api/v1/groups/{groupId}/members/{clientId}", Ct);

    public static async Task<JsonElement> OkJsonAsync(this HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static async Task AssertSuccessAsync(this HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");

    public static async Task AssertNoContentAsync(this HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");

    public static async Task<JsonElement[]> ArrayAsync(this HttpClient http, string path)
    {
        var response = await http.GetAsync(path, Ct);
        return [.. (await response.OkJsonAsync()).EnumerateArray()];
    }

    public static Task<JsonElement[]> HistoryAsync(this HttpClient http, string appointmentId) =>
        http.ArrayAsync($"/api/v1/appointments/{appointmentId}/history");

    public static Task<JsonElement[]> RemindersAsync(this HttpClient http, string appointmentId) =>
        http.ArrayAsync($"/api/v1/appointments/{appointmentId}/reminders");

    public static Task<JsonElement[]> InvoicesOfAsync(this HttpClient http, string appointmentId) =>
        http.ArrayAsync($"/api/v1/invoices?appointmentId={appointmentId}");

    /// <summary>The one invoice of <paramref name="kind"/> ("service" or "missed") for the client, whatever its status.</summary>
    public static async Task<JsonElement> InvoiceOfAsync(this HttpClient http, string appointmentId, string clientId, string kind) =>
        Assert.Single(await http.InvoicesOfAsync(appointmentId), i => i.Text("clientId") == clientId && i.Text("kind") == kind);

    /// <summary>Takes a cash payment (as the administrator) and returns its id; fails the test unless the API answers 201.</summary>
    public static async Task<string> PayCashAsync(this CaseloadApp app, string invoiceId, decimal amount)
    {
        var admin = await app.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/payments", new { invoiceId, amount, method = "cash" }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    /// <summary>Gives a payment back in full (as the administrator); fails the test unless the API answers 201.</summary>
    public static async Task RefundAsync(this CaseloadApp app, string paymentId, decimal amount)
    {
        var admin = await app.AdminAsync();
        var response = await admin.PostAsJsonAsync($"/api/v1/payments/{paymentId}/refund", new { amount }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    public static decimal Amount(this JsonElement element, string property) => element.GetProperty(property).GetDecimal();

    public static async Task<string> StatusOfAsync(this HttpClient http, string appointmentId, string clientId) =>
        (await http.AppointmentAsync(appointmentId)).GetProperty("invitees").EnumerateArray()
            .Single(i => i.Text("clientId") == clientId).Text("status");
}
