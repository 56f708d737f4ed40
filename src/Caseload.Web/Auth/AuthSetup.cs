using Caseload.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Caseload.Web.Auth;

internal static class AuthSetup
{
    private const string CookieOrBearer = "CookieOrBearer";

    /// <summary>
    /// Cookie sign-in for the pages, bearer tokens for the API: a request carrying
    /// <c>Authorization: Bearer</c> is judged by the token, any other by the cookie.
    /// </summary>
    public static void AddCaseloadAuth(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "caseload";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.Events.OnRedirectToLogin = ctx => AnswerApiOrRedirect(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => AnswerApiOrRedirect(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CaseloadDbContext>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddApiEndpoints()
            .AddSignInManager<AuditedSignInManager>();

        services.AddAuthorizationBuilder().AddCaseloadPolicies();
        services.AddScoped<IAuthorizationHandler, NoteOwnerHandler>();
        services.AddScoped<CurrentStaff>();
    }

    public static bool IsApi(this HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/fhir");

    private static Task AnswerApiOrRedirect(HttpContext context, string redirectUri, int status)
    {
        if (context.IsApi())
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }
}
