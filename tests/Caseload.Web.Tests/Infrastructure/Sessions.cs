using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Caseload.Web.Tests.Infrastructure;

/// <summary>Signs staff in over the pinned API and makes the users a scenario needs.</summary>
public static class Sessions
{
    public static async Task<HttpClient> SignInAsync(this CaseloadApp app, string email, string password = CaseloadApp.Password)
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    public static Task<HttpClient> AdminAsync(this CaseloadApp app) => app.SignInAsync(CaseloadApp.AdminEmail);

    /// <summary>Creates a staff user with the given roles and returns a client signed in as them, plus their ids.</summary>
    public static async Task<Staff> StaffAsync(this CaseloadApp app, params string[] roles)
    {
        var admin = await app.AdminAsync();
        var email = $"{string.Join("-", roles).ToLowerInvariant()}-{Guid.NewGuid():N}@test.example";
        var response = await admin.PostAsJsonAsync("/api/v1/users",
            new { email, password = CaseloadApp.Password, displayName = $"Test {string.Join(" ", roles)}", roles });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var clinicianId = created.TryGetProperty("clinicianId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        return new Staff(await app.SignInAsync(email), created.GetProperty("id").GetString()!, clinicianId, email);
    }
}

public sealed record Staff(HttpClient Client, string UserId, string? ClinicianId, string Email);
