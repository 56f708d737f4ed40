namespace Caseload.Web.Auth;

internal static class SelfRegistration
{
    /// <summary>
    /// Staff accounts are made by an administrator only, so the Identity API's <c>/register</c>
    /// answers 404 and is left out of the API description.
    /// </summary>
    public static void HideSelfRegistration(this IEndpointConventionBuilder identityApi) =>
        identityApi.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText?.EndsWith("/register", StringComparison.Ordinal) == true)
            {
                route.RequestDelegate = ctx =>
                {
                    ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                };
                route.Metadata.Add(new Microsoft.AspNetCore.Routing.ExcludeFromDescriptionAttribute());
            }
        });
}
