using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Caseload.Browser.Tests.Infrastructure;

/// <summary>
/// Books weekly group series over the API, as the administrator, so an attendance journey starts from the
/// occurrences it is about: one to change and another to show the change stayed on that one.
/// </summary>
public static class AttendanceRecords
{
    /// <summary>
    /// Books a weekly 90853 series of the group, all current members invited, from a wall-clock time of the practice
    /// such as 2026-12-02T15:00; returns the occurrences' ids, first first.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AddWeeklyGroupAppointmentsAsync(
        this CaseloadApp host, string clinicianName, string groupId, string wallClock, int sessions, int minutes = 90)
    {
        using var admin = await host.AdminAsync();
        var clinicians = await admin.GetFromJsonAsync<JsonElement>("/api/v1/clinicians");
        var clinicianId = clinicians.EnumerateArray().Single(c => c.GetProperty("displayName").GetString() == clinicianName)
            .GetProperty("id").GetString()!;
        var created = await admin.PostAsJsonAsync("/api/v1/appointments", new
        {
            kind = "group",
            clinicianId,
            serviceCode = "90853",
            groupId,
            start = await PracticeTimeAsync(admin, wallClock),
            durationMinutes = minutes,
            recurrence = new { frequency = "weekly", interval = 1, count = sessions },
        });
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{created.RequestMessage?.RequestUri} answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }

        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("appointments").EnumerateArray().Select(a => a.GetProperty("id").GetString()!)];
    }

    /// <summary>The wall-clock time with the practice's offset then: another journey may move the practice to another zone.</summary>
    private static async Task<string> PracticeTimeAsync(HttpClient admin, string wallClock)
    {
        var practice = await admin.GetFromJsonAsync<JsonElement>("/api/v1/practice");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(practice.GetProperty("timeZone").GetString()!);
        var local = DateTime.ParseExact(wallClock, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
