using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Caseload.Web.Auth;

/// <summary>The claims of a signed-in client.</summary>
public static class PortalClaims
{
    public const string ClientId = "caseload_client";

    public const string Session = "caseload_client_session";

    /// <summary>What the audit trail names as the actor of a client's requests: never a staff user's id.</summary>
    public static string ActorId(string clientId) => "client:" + clientId;

    public static string ActorName(string fullName) => fullName + " (client)";
}

/// <summary>
/// The client portal's own sign-in scheme, apart from the staff's. Under <c>/portal</c> it is the only scheme
/// asked (see <see cref="AuthSetup"/>): it reads <c>Authorization: Bearer</c> on <c>/portal/api</c> and the
/// portal's own cookie (on the API too, for the portal's pages), so a staff cookie or token means nothing
/// there; elsewhere it is never asked, so a client's token or cookie means nothing to the staff side.
/// </summary>
public static class PortalAuthentication
{
    public const string Scheme = "Portal";

    public const string CookieName = "caseload-portal";

    public const string SignInPage = "/portal/sign-in";

    public static bool IsPortal(this HttpContext context) => context.Request.Path.StartsWithSegments("/portal");

    public static AuthenticationBuilder AddPortal(this AuthenticationBuilder builder) =>
        builder.AddScheme<AuthenticationSchemeOptions, PortalAuthenticationHandler>(Scheme, "Client portal", _ => { });

    /// <summary>The portal cookie: HttpOnly, SameSite, sent only to the portal's own addresses, ending with the browser.</summary>
    public static void WriteCookie(HttpContext context, string token) => context.Response.Cookies.Append(CookieName, token, new CookieOptions
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        Path = "/portal",
        IsEssential = true,
    });

    public static void DeleteCookie(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/portal" });
}

internal sealed class PortalAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PortalSessions sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenOf(Context) is not { Length: > 0 } token)
        {
            return AuthenticateResult.NoResult();
        }

        if (await sessions.FindLiveAsync(token, Context.RequestAborted) is not { } client)
        {
            return AuthenticateResult.Fail("The portal session has ended.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, PortalClaims.ActorId(client.ClientId)),
                new Claim(StaffClaimsFactory.DisplayName, PortalClaims.ActorName(client.FullName)),
                new Claim(PortalClaims.ClientId, client.ClientId),
                new Claim(PortalClaims.Session, client.SessionId),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>The API answers 401 (a problem detail); a page sends the browser to the portal's sign-in page, never the staff's.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.IsApi())
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        else
        {
            Response.Redirect(PortalAuthentication.SignInPage);
        }

        return Task.CompletedTask;
    }

    private static string? TokenOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (context.IsApi() && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return context.Request.Cookies[PortalAuthentication.CookieName];
    }
}

/// <summary>The signed-in client of a portal request: what every portal use case starts from.</summary>
public sealed class CurrentClient(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsSignedIn => User.FindFirstValue(PortalClaims.ClientId) is not null;

    /// <summary>The client's id; asking outside a portal request (no client signed in) is a bug.</summary>
    public string ClientId => User.FindFirstValue(PortalClaims.ClientId) ?? throw new InvalidOperationException("No client is signed in.");

    public string SessionId => User.FindFirstValue(PortalClaims.Session) ?? throw new InvalidOperationException("No client is signed in.");
}
