using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Caseload.Web.Tests.Clients;

public sealed record RemindersPayload(bool Email, bool Text);

public sealed record BillingPayload(string Mode, decimal? Rate = null, string? Payer = null, string? MemberId = null, decimal? Copay = null)
{
    public static BillingPayload SelfPay(decimal? rate = null) => new("selfPay", rate);

    public static BillingPayload Insurance(string? payer, string? memberId, decimal? copay) => new("insurance", null, payer, memberId, copay);
}

/// <summary>The body of <c>POST /api/v1/clients</c>; tests change the field they are about with <c>with</c>.</summary>
public sealed record ClientPayload(
    string? FirstName,
    string? LastName,
    string? DateOfBirth,
    string? Email,
    string? Mobile,
    string? ClinicianId,
    RemindersPayload Reminders,
    BillingPayload Billing,
    decimal? MissedSessionFee = null);

public static class ClientsApi
{
    /// <summary>A valid new client. The default last name is unique, so tests sharing a database do not find each other's clients.</summary>
    public static ClientPayload NewClient(string? clinicianId, string firstName = "Ada", string? lastName = null, string dateOfBirth = "1985-04-12") =>
        new(firstName, lastName ?? UniqueName(), dateOfBirth, "ada@example.com", "+1 555 010 2040", clinicianId,
            new RemindersPayload(Email: false, Text: false), BillingPayload.SelfPay());

    /// <summary>A surname no other test uses (letters only, so name search can find it).</summary>
    public static string UniqueName(string stem = "Tester") =>
        stem + new string([.. Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + (c % 26)))]);

    /// <summary>Creates the client and returns its id; fails the test unless the API answers 201.</summary>
    public static async Task<string> CreateClientAsync(this HttpClient http, ClientPayload payload)
    {
        var response = await http.PostAsJsonAsync("/api/v1/clients", payload);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("client").GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> ClientListAsync(this HttpClient http, string query = "")
    {
        var response = await http.GetAsync($"/api/v1/clients{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static IEnumerable<string> Ids(this JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!);
}
