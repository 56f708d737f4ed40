using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Caseload.Bench;

/// <summary>The generated practice's sign-ins. A throw-away database on a loopback port: fixed, printed, documented.</summary>
internal static class BenchStaff
{
    public const string Domain = "bench.example";
    public const string AdminEmail = "admin@" + Domain;
    public const string Password = "Bench-Passw0rd";

    public static string ClinicianEmail(int index) => $"clinician{index + 1:000}@{Domain}";

    /// <summary>Signs in over the Identity API and returns the bearer token.</summary>
    public static async Task<AuthenticationHeaderValue> SignInAsync(HttpClient http, string email)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<SignedIn>()
            ?? throw new InvalidOperationException("The sign-in answer had no token.");
        return new AuthenticationHeaderValue("Bearer", token.AccessToken);
    }

    private sealed record SignedIn(string AccessToken);
}
