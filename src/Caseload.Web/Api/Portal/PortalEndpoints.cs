using Caseload.Web.Auth;
using Caseload.Web.Features.Portal;

namespace Caseload.Web.Api.Portal;

public sealed record PortalSignInInput(string? Email);

public sealed record PortalVerifyInput(string? Email, string? Code, string? AuthenticatorCode = null);

public sealed record AuthenticatorCodeInput(string? Code);

/// <summary>The key to add to an authenticator app: typed in, or scanned from the <c>otpauth://</c> address as a QR code.</summary>
public sealed record PortalAuthenticatorDto(string SharedKey, string Otpauth);

/// <summary>The one answer to every sign-in request, whether or not the email is known.</summary>
public sealed record PortalSignInAccepted(string Message)
{
    public static readonly PortalSignInAccepted Always =
        new("If this email belongs to a client invited to the portal, a sign-in code is on its way. It works for 15 minutes.");
}

public sealed record PortalTokenDto(string AccessToken, int ExpiresIn);

public sealed record PortalMeDto(string FirstName, string LastName, string Email, string PracticeName)
{
    public static PortalMeDto From(PortalProfile p) => new(p.FirstName, p.LastName, p.Email, p.PracticeName);
}

/// <summary>
/// Where the client portal's API lives. Every endpoint of a signed-in client hangs on <see cref="MapPortalApi"/>'s
/// group: it takes only the portal's own sign-in (<see cref="Policies.PortalClient"/>), and the handlers find
/// the client in <see cref="CurrentClient"/>.
/// </summary>
public static class PortalRoutes
{
    public const string Prefix = "/portal/api/v1";

    public static RouteGroupBuilder MapPortalApi(this IEndpointRouteBuilder app) =>
        app.MapGroup(Prefix).RequireAuthorization(Policies.PortalClient).WithTags("Client portal");
}

internal static class PortalEndpoints
{
    /// <summary>Asking for a code and giving it: the only portal endpoints open without a sign-in.</summary>
    public static void MapPortalSignIn(this IEndpointRouteBuilder app)
    {
        var signIn = app.MapGroup(PortalRoutes.Prefix).AllowAnonymous().WithTags("Client portal");

        signIn.MapPost("/sign-in", async (PortalSignInInput input, RequestSignInCode request, CancellationToken ct) =>
        {
            await request.HandleAsync(new RequestSignInCodeCommand(input.Email), ct);
            return Results.Accepted(value: PortalSignInAccepted.Always);
        });

        signIn.MapPost("/sign-in/verify", async (PortalVerifyInput input, VerifySignInCode verify, CancellationToken ct) =>
            Problems.Ok(await verify.HandleAsync(new VerifySignInCodeCommand(input.Email, input.Code, input.AuthenticatorCode), ct),
                s => new PortalTokenDto(s.Token, s.ExpiresInSeconds)));
    }

    public static void MapPortalAccount(this RouteGroupBuilder portal)
    {
        portal.MapPost("/sign-out", async (SignOutOfPortal signOut, HttpContext context, CancellationToken ct) =>
        {
            await signOut.HandleAsync(ct);
            PortalAuthentication.DeleteCookie(context);
            return Results.NoContent();
        });

        portal.MapGet("/me", async (ReadPortalProfile read, CancellationToken ct) => PortalMeDto.From(await read.HandleAsync(ct)));

        portal.MapPost("/me/authenticator", async (PreparePortalAuthenticator prepare, CancellationToken ct) =>
            Problems.Ok(await prepare.HandleAsync(ct), k => new PortalAuthenticatorDto(k.SharedKey, k.OtpauthAddress)));

        portal.MapPost("/me/authenticator/turn-on", async (AuthenticatorCodeInput input, TurnOnPortalTwoFactor turnOn, CancellationToken ct) =>
            Problems.NoContent(await turnOn.HandleAsync(input.Code, ct)));

        portal.MapPost("/me/authenticator/turn-off", async (AuthenticatorCodeInput input, TurnOffPortalTwoFactor turnOff, CancellationToken ct) =>
            Problems.NoContent(await turnOff.HandleAsync(input.Code, ct)));
    }
}
