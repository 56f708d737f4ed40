using Caseload.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Caseload.Web.Auth;

internal static class AuthSetup
{
    private const string CookieOrBearer = "CookieOrBearer";

    /// <summary>
    /// Cookie sign-in for the pages, bearer tokens for the API: a request carrying
    /// <c>Authorization: Bearer</c> is judged by the token, any other by the cookie. Under <c>/portal</c>
    /// only the client portal's own scheme judges (<see cref="PortalAuthentication"/>): staff sign-ins do not
    /// count there, and clients' count nowhere else.
    /// </summary>
    public static void AddCaseloadAuth(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                ctx.IsPortal() ? PortalAuthentication.Scheme
                : ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddPortal()
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
            o.Events.OnSigningIn = IdleSignOut.StartAsync;
            var checkSecurityStamp = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async ctx =>
            {
                await checkSecurityStamp(ctx);
                await IdleSignOut.SlideAsync(ctx);
            };
        });

        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;

                // No lockout: it let anyone lock any account with wrong guesses. See SignInThrottling.
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CaseloadDbContext>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddPasswordValidator<CommonPasswords>()
            .AddUserManager<StaffUserManager>()
            .AddApiEndpoints()
            .AddSignInManager<StaffSignInManager>()
            .AddTokenProvider<AuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider);

        // Identity's own cookie check re-creates the sign-in every half hour; it keeps its session id.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = ctx =>
        {
            if (ctx.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity
                && ctx.CurrentPrincipal?.FindFirst(StaffSessions.SessionClaim) is { } session)
            {
                identity.RemoveClaim(identity.FindFirst(StaffSessions.SessionClaim));
                identity.AddClaim(new System.Security.Claims.Claim(StaffSessions.SessionClaim, session.Value));
            }

            return Task.CompletedTask;
        });
        services.AddMemoryCache();
        services.AddScoped<StaffSessions>();

        services.AddAuthorizationBuilder().AddCaseloadPolicies();
        services.AddScoped<IAuthorizationHandler, NoteOwnerHandler>();
        services.AddScoped<CurrentStaff>();
        services.AddScoped<PortalSessions>();
        services.AddScoped<CurrentClient>();
        services.AddSingleton<SignInRules>();
    }

    /// <summary>After authentication: refuses sign-ins whose session has ended (see <see cref="StaffSessions"/>).</summary>
    public static void UseLiveSessions(this IApplicationBuilder app) => app.UseMiddleware<LiveSessionMiddleware>();

    /// <summary>Answered with problem details rather than pages: the staff API, FHIR and the client portal's API.</summary>
    public static bool IsApi(this HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/fhir")
        || context.Request.Path.StartsWithSegments("/portal/api");

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
