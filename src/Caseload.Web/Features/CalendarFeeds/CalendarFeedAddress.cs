namespace Caseload.Web.Features.CalendarFeeds;

/// <summary>Where a feed is read: <c>/calendar/{token}.ics</c> on the address the request came to (behind a trusted proxy, its public one).</summary>
[FeatureApi]
public static class CalendarFeedAddress
{
    public static string For(HttpRequest request, string token) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/calendar/{Uri.EscapeDataString(token)}.ics";
}
