using Caseload.Domain;
using Caseload.Web.Auth;
using Microsoft.AspNetCore.Antiforgery;

namespace Caseload.Web.Api;

/// <summary>
/// The API answers the sign-in cookie as well as bearer tokens, and a browser sends the cookie with any
/// request to the app, including a form or script on another site (a sibling subdomain or another port
/// is the same "site" to SameSite=Lax). So a request that changes data and is signed in by the cookie
/// must carry the antiforgery token only the app's own pages hold; a bearer request needs none,
/// since no browser adds a bearer token by itself.
/// </summary>
public static class CrossSiteRequests
{
    /// <summary>After authorization, before any endpoint: refuses a cookie-signed change without a valid token (400 <c>antiforgery</c>).</summary>
    public static IApplicationBuilder UseAntiforgeryForCookieApiCalls(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.IsApi() && ChangesData(context.Request.Method) && !CarriesBearerToken(context.Request)
            && context.User.Identity?.IsAuthenticated == true
            && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            await Problems.Refused(new Refusal(RefusalCodes.Antiforgery,
                    "This change came without the page's antiforgery token. Reload the page and try again."))
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    private static bool ChangesData(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    private static bool CarriesBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
