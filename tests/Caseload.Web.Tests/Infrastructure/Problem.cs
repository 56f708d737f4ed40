using System.Net;
using System.Text.Json;

namespace Caseload.Web.Tests.Infrastructure;

/// <summary>Reads an RFC 9457 problem detail and checks its status, content type and stable code.</summary>
public static class Problem
{
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, body.GetProperty("code").GetString());
        return body;
    }

    public static async Task<JsonElement> AssertFieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {body}");
        Assert.NotEqual(0, messages.GetArrayLength());
        return body;
    }
}
