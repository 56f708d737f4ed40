using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Caseload.Browser.Tests.Infrastructure;

/// <summary>
/// Books appointments and reads them back over the API, as the administrator, so a calendar journey
/// starts from the appointments it is about and can check what the server holds after a drag.
/// </summary>
public static class SchedulingRecords
{
    /// <summary>Books a one-off 90834 session for the client at a wall-clock time of the practice, such as 2026-12-03T11:00.</summary>
    public static async Task<string> AddAppointmentAsync(this CaseloadApp host, string clinicianName, string clientId, string wallClock, int minutes = 45)
    {
        using var admin = await host.AdminAsync();
        return await BookAsync(admin, new
        {
            kind = "individual",
            clinicianId = await ClinicianIdAsync(admin, clinicianName),
            serviceCode = "90834",
            clientId,
            start = await PracticeTimeAsync(admin, wallClock),
            durationMinutes = minutes,
        });
    }

    /// <summary>Books a one-off 90853 session of the group, with all its current members invited, at a wall-clock time of the practice.</summary>
    public static async Task<string> AddGroupAppointmentAsync(this CaseloadApp host, string clinicianName, string groupId, string wallClock, int minutes = 90)
    {
        using var admin = await host.AdminAsync();
        return await BookAsync(admin, new
        {
            kind = "group",
            clinicianId = await ClinicianIdAsync(admin, clinicianName),
            serviceCode = "90853",
            groupId,
            start = await PracticeTimeAsync(admin, wallClock),
            durationMinutes = minutes,
        });
    }

    /// <summary>The practice's IANA time zone, which another journey may have changed from America/New_York.</summary>
    public static async Task<string> PracticeTimeZoneAsync(this CaseloadApp host)
    {
        using var admin = await host.AdminAsync();
        return await PracticeTimeZoneAsync(admin);
    }

    /// <summary>The appointment as <c>GET /api/v1/appointments/{id}</c> answers.</summary>
    public static async Task<JsonElement> AppointmentAsync(this CaseloadApp host, string id)
    {
        using var admin = await host.AdminAsync();
        return await admin.GetFromJsonAsync<JsonElement>($"/api/v1/appointments/{id}");
    }

    /// <summary>The calendar colour the practice gave the clinician, as the computed style writes it: rgb(46, 125, 50).</summary>
    public static async Task<string> ClinicianColorAsync(this CaseloadApp host, string clinicianName)
    {
        using var admin = await host.AdminAsync();
        var clinicians = await admin.GetFromJsonAsync<JsonElement>("/api/v1/clinicians");
        var hex = clinicians.EnumerateArray().Single(c => c.GetProperty("displayName").GetString() == clinicianName)
            .GetProperty("color").GetString()!;
        var rgb = Convert.FromHexString(hex.TrimStart('#'));
        return $"rgb({rgb[0]}, {rgb[1]}, {rgb[2]})";
    }

    /// <summary>
    /// The wall-clock time with the practice's offset at that time, as the API takes it: the browser journeys share one
    /// practice, and the settings journey moves it to another zone, so a fixed -05:00 would land an hour off.
    /// </summary>
    private static async Task<string> PracticeTimeAsync(HttpClient admin, string wallClock)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(await PracticeTimeZoneAsync(admin));
        var local = DateTime.ParseExact(wallClock, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    private static async Task<string> PracticeTimeZoneAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/practice")).GetProperty("timeZone").GetString()!;

    private static async Task<string> BookAsync(HttpClient admin, object appointment)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/appointments", appointment);
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{created.RequestMessage?.RequestUri} answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }

        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("appointments")[0].GetProperty("id").GetString()!;
    }

    private static async Task<string> ClinicianIdAsync(HttpClient admin, string displayName)
    {
        var clinicians = await admin.GetFromJsonAsync<JsonElement>("/api/v1/clinicians");
        return clinicians.EnumerateArray().Single(c => c.GetProperty("displayName").GetString() == displayName)
            .GetProperty("id").GetString()!;
    }
}
