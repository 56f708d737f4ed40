using Caseload.Web.Auth;
using Caseload.Web.Features.CalendarFeeds;
using Caseload.Web.Setup;
using Microsoft.Net.Http.Headers;
using NodaTime;

namespace Caseload.Web.Api.CalendarFeeds;

public sealed record CalendarFeedDto(string Url);

internal static class CalendarFeedEndpoints
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>The signed-in staff member's own feed, and an administrator's revocation of anyone's.</summary>
    public static void MapCalendarFeeds(this RouteGroupBuilder api)
    {
        var feeds = api.MapGroup("").WithTags("Calendar feeds");
        feeds.MapPost("/me/calendar-feed", async (HttpRequest request, CreateCalendarFeed create, CancellationToken ct) =>
            Problems.Ok(await create.HandleAsync(ct), token => new CalendarFeedDto(CalendarFeedAddress.For(request, token))));
        feeds.MapDelete("/me/calendar-feed", async (RevokeCalendarFeed revoke, CancellationToken ct) =>
            Problems.NoContent(await revoke.OwnAsync(ct)));
        feeds.MapDelete("/users/{id}/calendar-feed", async (string id, RevokeCalendarFeed revoke, CancellationToken ct) =>
                Problems.NoContent(await revoke.OfUserAsync(id, ct)))
            .RequireAuthorization(Policies.Administers);
    }

    /// <summary>
    /// <c>GET /calendar/{token}.ics</c>: anonymous, the token is the credential. Unknown, revoked and switched-off
    /// feeds all answer the same bare 404, so the answer tells a guesser nothing.
    /// </summary>
    public static void MapCalendarFeedFile(this IEndpointRouteBuilder app)
    {
        app.MapGet("/calendar/{token}.ics", async (string token, HttpContext context, ServeCalendarFeed serve, CancellationToken ct) =>
            {
                var request = context.Request.GetTypedHeaders();
                var conditions = new FeedConditions(
                    [.. request.IfNoneMatch.Select(t => t.ToString())],
                    request.IfModifiedSince is { } since ? Instant.FromDateTimeOffset(since) : null);
                var served = await serve.HandleAsync(token, conditions, ct);
                if (served is null)
                {
                    return Results.Text("No such calendar.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
                }

                var response = context.Response.GetTypedHeaders();
                response.ETag = EntityTagHeaderValue.Parse(served.ETag);
                response.LastModified = served.LastModified.ToDateTimeOffset();

                // The address is private: a shared cache must not keep it, and the app asks again each time it polls.
                response.CacheControl = new CacheControlHeaderValue { Private = true, NoCache = true };
                return served.Calendar is null
                    ? Results.StatusCode(StatusCodes.Status304NotModified)
                    : Results.Text(served.Calendar, ContentType);
            })
            .AllowAnonymous()
            .RecordFeedLatency()
            .ExcludeFromDescription();
    }
}
