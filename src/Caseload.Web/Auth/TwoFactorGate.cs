using Caseload.Domain;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Caseload.Web.Auth;

/// <summary>
/// When the practice requires two-factor sign-in, signed-in staff who have not set it up may only set it
/// up: the API answers 403 <c>two-factor-setup-required</c>, pages send them to the enrolment page.
/// </summary>
internal static class TwoFactorGate
{
    public const string EnrolmentPage = "/Account/TwoFactor";

    public static IApplicationBuilder UseTwoFactorGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true && !IsSetUpOrSignIn(context.Request.Path)
            && (await context.RequestServices.GetRequiredService<SignInRules>().CurrentAsync(context.RequestAborted)).RequireTwoFactor
            && await context.RequestServices.GetRequiredService<UserManager<StaffUser>>().GetUserAsync(context.User) is { TwoFactorEnabled: false })
        {
            await RefuseAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>
    /// Signing in and out, the account pages (the enrolment page among them) and the Identity API's two-factor set-up;
    /// and the client portal, where the signed-in person is a client, not staff.
    /// </summary>
    private static bool IsSetUpOrSignIn(PathString path) =>
        path.StartsWithSegments("/api/v1/auth") || path.StartsWithSegments("/Account") || path.StartsWithSegments("/Status")
        || path.StartsWithSegments("/portal");

    private static async Task RefuseAsync(HttpContext context)
    {
        if (!context.IsApi())
        {
            if (context.Request.Headers.ContainsKey("HX-Request"))
            {
                context.Response.Headers["HX-Redirect"] = EnrolmentPage;
            }

            context.Response.Redirect(EnrolmentPage);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "The practice requires two-factor sign-in: set it up first (POST /api/v1/auth/manage/2fa).",
                Extensions = { ["code"] = RefusalCodes.TwoFactorSetupRequired },
            },
        });
    }
}
