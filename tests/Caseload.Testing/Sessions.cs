using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Caseload.Testing;

/// <summary>
/// Signs staff in over the pinned API (a bearer token from <c>/api/v1/auth/login</c>) and makes the
/// staff users a scenario needs, as the administrator.
/// </summary>
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

    /// <summary>Creates a staff user with the test password; returns their ids without signing them in.</summary>
    public static async Task<StaffUser> CreateStaffAsync(this CaseloadApp app, string email, string displayName, params string[] roles)
    {
        using var admin = await app.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email, password = CaseloadApp.Password, displayName, roles });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var clinicianId = created.TryGetProperty("clinicianId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        return new StaffUser(created.GetProperty("id").GetString()!, clinicianId, email);
    }

    /// <summary>Creates a staff user with the given roles and returns a client signed in as them, plus their ids.</summary>
    public static async Task<Staff> StaffAsync(this CaseloadApp app, params string[] roles)
    {
        var email = $"{string.Join("-", roles).ToLowerInvariant()}-{Guid.NewGuid():N}@test.example";
        return await app.SignedInAsync(await app.CreateStaffAsync(email, $"Test {string.Join(" ", roles)}", roles));
    }

    /// <summary>A staff user with a display name of their own, so history lines can be told apart, signed in.</summary>
    public static async Task<Staff> StaffNamedAsync(this CaseloadApp app, string displayName, params string[] roles) =>
        await app.SignedInAsync(await app.CreateStaffAsync($"{Guid.NewGuid():N}@attendance.test.example", displayName, roles));

    /// <summary>
    /// Makes a staff user, so a browser journey starts from the user it needs, and returns their email,
    /// made from the name: give each journey a name of its own.
    /// </summary>
    public static async Task<string> AddStaffAsync(this CaseloadApp app, string displayName, params string[] roles) =>
        (await app.CreateStaffAsync($"{displayName.Replace(' ', '.').ToLowerInvariant()}@test.example", displayName, roles)).Email;

    private static async Task<Staff> SignedInAsync(this CaseloadApp app, StaffUser user) =>
        new(await app.SignInAsync(user.Email), user.UserId, user.ClinicianId, user.Email);
}

public sealed record StaffUser(string UserId, string? ClinicianId, string Email);

public sealed record Staff(HttpClient Client, string UserId, string? ClinicianId, string Email);
