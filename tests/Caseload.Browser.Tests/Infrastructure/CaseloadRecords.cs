using System.Net.Http.Json;
using System.Text.Json;

namespace Caseload.Browser.Tests.Infrastructure;

/// <summary>
/// Puts clients and groups on a clinician's caseload over the API, as the administrator, so a journey
/// drives through the browser only the steps it is about.
/// </summary>
public static class CaseloadRecords
{
    /// <summary>Adds a self-pay client, with no reminders, to the caseload of the clinician of that name; returns the client's id.</summary>
    public static async Task<string> AddClientAsync(this CaseloadApp host, string clinicianName, string firstName, string lastName, string dateOfBirth)
    {
        using var admin = await host.AdminAsync();
        var clinicianId = await ClinicianIdAsync(admin, clinicianName);
        var created = await admin.PostAsJsonAsync("/api/v1/clients", new
        {
            firstName,
            lastName,
            dateOfBirth,
            email = (string?)null,
            mobile = (string?)null,
            clinicianId,
            reminders = new { email = false, text = false },
            billing = new { mode = "selfPay" },
        });
        await EnsureCreatedAsync(created);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("client").GetProperty("id").GetString()!;
    }

    /// <summary>Creates a 90853 group run by the clinician of that name, with these clients joining today; returns the group's id.</summary>
    public static async Task<string> AddGroupAsync(this CaseloadApp host, string clinicianName, string name, params string[] memberIds)
    {
        using var admin = await host.AdminAsync();
        var clinicianId = await ClinicianIdAsync(admin, clinicianName);
        var created = await admin.PostAsJsonAsync("/api/v1/groups", new { name, clinicianId, serviceCode = "90853", capacity = (int?)null });
        await EnsureCreatedAsync(created);
        var groupId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        foreach (var clientId in memberIds)
        {
            var added = await admin.PostAsJsonAsync($"/api/v1/groups/{groupId}/members", new { clientId });
            await EnsureCreatedAsync(added);
        }

        return groupId;
    }

    private static async Task<string> ClinicianIdAsync(HttpClient admin, string displayName)
    {
        var clinicians = await admin.GetFromJsonAsync<JsonElement>("/api/v1/clinicians");
        return clinicians.EnumerateArray().Single(c => c.GetProperty("displayName").GetString() == displayName)
            .GetProperty("id").GetString()!;
    }

    /// <summary>Says what the API refused, so a broken setup reads as such rather than as a failed journey.</summary>
    private static async Task EnsureCreatedAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
