using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Domain.Reminders;
using Caseload.Web.Data;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using Caseload.Web.Workers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Caseload.Web.Tests.Reminders;

/// <summary>A client made for a reminder scenario, with an address and a number no other test uses.</summary>
public sealed record Reminded(string Id, string Email, string Mobile);

/// <summary>A clinician's group whose members have each chosen their reminder channels.</summary>
public sealed record RemindedGroup(Staff Clinician, string GroupId, string GroupName, IReadOnlyList<Reminded> Members)
{
    public HttpClient Http => Clinician.Client;

    public string ClinicianId => Clinician.ClinicianId!;

    /// <summary>A 90853 group session for every member at <paramref name="start"/>, 50 minutes in Room 4.</summary>
    public AppointmentPayload Session(string start) => new("group", ClinicianId, "90853", GroupId, null, start, 50, "Room 4");
}

/// <summary>Reminders over the pinned API, the clock turned as a test needs, the worker run as its timer would.</summary>
public static class RemindersApi
{
    public static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Instant Now(this CaseloadApp app) => Instant.FromDateTimeOffset(app.Time.GetUtcNow());

    /// <summary>RFC 3339 start <paramref name="days"/> after the practice's today at <paramref name="hour"/>:00, with New York's offset.</summary>
    public static string At(this CaseloadApp app, int days, int hour = 10) =>
        app.Now().InZone(NewYork).Date.PlusDays(days).At(new LocalTime(hour, 0)).InZoneLeniently(NewYork).ToDateTimeOffset()
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static Instant InstantOf(string rfc3339) => Instant.FromDateTimeOffset(DateTimeOffset.Parse(rfc3339, CultureInfo.InvariantCulture));

    /// <summary>Turns the app's clock to <paramref name="instant"/>; the app's own worker wakes up as it would.</summary>
    public static void TurnClockTo(this CaseloadApp app, Instant instant)
    {
        Assert.True(instant >= app.Now(), "the clock only moves forward");
        app.Time.SetUtcNow(instant.ToDateTimeOffset());
    }

    /// <summary>Signs <paramref name="staff"/> in again: a bearer token lasts an hour, and the tests turn the clock by days.</summary>
    public static Task<HttpClient> AgainAsync(this CaseloadApp app, Staff staff) => app.SignInAsync(staff.Email);

    /// <summary>A client of <paramref name="clinicianId"/> opted in to the channels given, with a unique address and number.</summary>
    public static async Task<Reminded> RemindedClientAsync(this HttpClient http, string clinicianId, bool email, bool text, string firstName = "Ada")
    {
        var digits = string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiDigit).Take(7)).PadRight(7, '0');
        var address = $"client-{Guid.NewGuid():N}@example.com";
        var mobile = $"+1555{digits}";
        var id = await http.CreateClientAsync(ClientsApi.NewClient(clinicianId, firstName) with
        {
            Email = address,
            Mobile = mobile,
            Reminders = new RemindersPayload(email, text),
        });
        return new Reminded(id, address, mobile);
    }

    /// <summary>A new clinician running a new group, one member per (email, text) choice given.</summary>
    public static async Task<RemindedGroup> RemindedGroupAsync(this CaseloadApp app, params (bool Email, bool Text)[] members)
    {
        var clinician = await app.StaffAsync("Clinician");
        var name = SchedulingApi.UniqueName("Group ");
        var group = await SchedulingApi.CreateGroupAsync(clinician.Client, clinician.ClinicianId, name);
        var clients = new List<Reminded>();
        for (var i = 0; i < members.Length; i++)
        {
            var client = await clinician.Client.RemindedClientAsync(clinician.ClinicianId!, members[i].Email, members[i].Text, $"Member{i}");
            await SchedulingApi.AddMemberAsync(clinician.Client, group, client.Id);
            clients.Add(client);
        }

        return new RemindedGroup(clinician, group, name, clients);
    }

    /// <summary>GET /api/v1/appointments/{id}/reminders, which must answer 200.</summary>
    public static async Task<JsonElement[]> RemindersOfAsync(this HttpClient http, string appointmentId)
    {
        var response = await http.GetAsync($"/api/v1/appointments/{appointmentId}/reminders", Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray()];
    }

    /// <summary>The reminders of one client, as (channel, dueAt instant, status), ordered.</summary>
    public static (string Channel, Instant DueAt, string Status)[] Of(this IEnumerable<JsonElement> reminders, string clientId) =>
        [.. reminders.Where(r => r.Text("clientId") == clientId)
            .Select(r => (r.Text("channel"), InstantOf(r.Text("dueAt")), r.Text("status")))
            .Order()];

    /// <summary>The single reminder of a client on a channel at a lead time.</summary>
    public static JsonElement One(this IEnumerable<JsonElement> reminders, string clientId, string channel, int leadHours, string status = "pending") =>
        Assert.Single(reminders, r => r.Text("clientId") == clientId && r.Text("channel") == channel
            && r.GetProperty("leadHours").GetInt32() == leadHours && r.Text("status") == status);

    public static Task<HttpResponseMessage> CancelAppointmentAsync(this HttpClient http, string appointmentId) =>
        http.PostAsync($"/api/v1/appointments/{appointmentId}/cancel", null, Ct);

    public static Task<HttpResponseMessage> PatchAppointmentAsync(this HttpClient http, string appointmentId, object patch) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/appointments/{appointmentId}") { Content = JsonContent.Create(patch) }, Ct);

    /// <summary>Runs the reminder worker once, as its timer would; returns how many reminders it sent.</summary>
    public static Task<int> RunReminderWorkerAsync(this CaseloadApp app) =>
        app.Services.GetRequiredService<ReminderWorker>().RunOnceAsync(Ct);

    /// <summary>The reminder rows of one appointment as stored, for what the API does not show (attempts, next attempt).</summary>
    public static Task<List<Reminder>> ReminderRowsAsync(this CaseloadApp app, string appointmentId) =>
        app.InDatabaseAsync(db => db.Reminders.AsNoTracking().Where(r => r.AppointmentId == appointmentId).ToListAsync(Ct));

    public static async Task<T> InDatabaseAsync<T>(this CaseloadApp app, Func<CaseloadDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CaseloadDbContext>());
    }
}
