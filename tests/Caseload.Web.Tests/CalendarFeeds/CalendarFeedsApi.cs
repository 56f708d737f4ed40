using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net;

namespace Caseload.Web.Tests.CalendarFeeds;

/// <summary>Makes, reads and parses private calendar feeds over HTTP, as a calendar app would.</summary>
public static class CalendarFeedsApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Makes (or replaces) the signed-in user's feed and returns its address's path.</summary>
    public static async Task<string> CreateFeedAsync(this HttpClient http)
    {
        var response = await http.PostAsync("/api/v1/me/calendar-feed", null, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var url = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("url").GetString()!;
        Assert.Matches(@"^http://localhost/calendar/[A-Za-z0-9_-]{43}\.ics$", url);
        return new Uri(url).AbsolutePath;
    }

    /// <summary>Reads a feed without signing in: its address is its only credential.</summary>
    public static async Task<HttpResponseMessage> FetchAsync(this CaseloadApp app, string path, Action<HttpRequestMessage>? ask = null)
    {
        using var anonymous = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        ask?.Invoke(request);
        return await anonymous.SendAsync(request, Ct);
    }

    /// <summary>The feed, parsed with Ical.Net after checking it is served as a calendar.</summary>
    public static async Task<Calendar> CalendarAsync(this CaseloadApp app, string path)
    {
        var response = await app.FetchAsync(path);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return Calendar.Load(text) ?? throw new InvalidOperationException("The feed did not parse.");
    }

    public static string Uid(string appointmentId) => $"appointment-{appointmentId}@caseload";
}
