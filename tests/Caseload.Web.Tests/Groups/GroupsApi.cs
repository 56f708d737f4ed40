using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Caseload.Web.Tests.Groups;

public static class GroupsApi
{
    /// <summary>The body of <c>POST /api/v1/groups</c>.</summary>
    public static object NewGroup(string? clinicianId, string name = "Tuesday anxiety group", string? serviceCode = "90853", int? capacity = null) =>
        new { name, clinicianId, serviceCode, capacity };

    /// <summary>Creates the group and returns its id; fails the test unless the API answers 201.</summary>
    public static async Task<string> CreateGroupAsync(this HttpClient http, string? clinicianId, int? capacity = null)
    {
        var response = await http.PostAsJsonAsync("/api/v1/groups", NewGroup(clinicianId, capacity: capacity));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public static Task<HttpResponseMessage> AddMemberAsync(this HttpClient http, string groupId, string clientId) =>
        http.PostAsJsonAsync($"/api/v1/groups/{groupId}/members", new { clientId });

    public static Task<JsonElement> GroupAsync(this HttpClient http, string groupId) =>
        http.GetFromJsonAsync<JsonElement>($"/api/v1/groups/{groupId}");

    public static IEnumerable<string> MemberIds(this JsonElement group) =>
        group.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("clientId").GetString()!);
}
