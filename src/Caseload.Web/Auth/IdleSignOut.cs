using Microsoft.AspNetCore.Authentication.Cookies;

namespace Caseload.Web.Auth;

/// <summary>
/// Automatic sign-out: a sign-in cookie lives for the practice's idle time after the last request that
/// carried it, so a screen left open ends its session by itself.
/// </summary>
internal static class IdleSignOut
{
    /// <summary>A new sign-in lasts the idle time.</summary>
    public static async Task StartAsync(CookieSigningInContext context)
    {
        var rule = await context.HttpContext.RequestServices.GetRequiredService<SignInRules>().CurrentAsync(context.HttpContext.RequestAborted);
        var issued = context.Properties.IssuedUtc ?? context.Options.TimeProvider!.GetUtcNow();
        context.Properties.IssuedUtc = issued;
        context.Properties.ExpiresUtc = issued + rule.IdleTime;
    }

    /// <summary>
    /// Every request after the cookie was issued renews it for the idle time from now (the cookie
    /// handler renews a ticket for as long as it was issued for). Runs after the cookie handler has
    /// refused an expired one and after the security stamp was checked.
    /// </summary>
    public static async Task SlideAsync(CookieValidatePrincipalContext context)
    {
        var issued = context.Properties.IssuedUtc;
        if (context.Principal is null || issued is null || context.Options.TimeProvider!.GetUtcNow() <= issued)
        {
            return;
        }

        var rule = await context.HttpContext.RequestServices.GetRequiredService<SignInRules>().CurrentAsync(context.HttpContext.RequestAborted);
        context.Properties.ExpiresUtc = issued + rule.IdleTime;
        context.ShouldRenew = true;
    }
}
