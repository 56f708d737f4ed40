using System.Security.Claims;
using Caseload.Domain;
using Caseload.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Caseload.Web.Api.Account;

internal static class SessionEndpoints
{
    /// <summary>
    /// Around the Identity API's sign-in endpoints: missing fields answer 400 naming them (not 500), a
    /// refresh token is accepted once, and <c>/logout</c> ends the calling session.
    /// </summary>
    public static void MapSessionRules(this RouteGroupBuilder auth)
    {
        auth.AddEndpointFilter(RequireFieldsAsync);
        auth.AddEndpointFilter(UseRefreshTokenOnceAsync);

        auth.MapPost("/logout", async (ClaimsPrincipal user, HttpContext http, StaffSessions sessions, CancellationToken ct) =>
            {
                await sessions.EndAsync(user, ct);
                if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                }

                return Results.NoContent();
            })
            .RequireAuthorization();
    }

    private static async ValueTask<object?> RequireFieldsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            List<string> missing = argument switch
            {
                LoginRequest login => Missing(("email", login.Email), ("password", login.Password)),
                ForgotPasswordRequest forgot => Missing(("email", forgot.Email)),
                ResetPasswordRequest reset => Missing(("email", reset.Email), ("resetCode", reset.ResetCode), ("newPassword", reset.NewPassword)),
                RefreshRequest refresh => Missing(("refreshToken", refresh.RefreshToken)),
                _ => [],
            };
            if (missing.Count > 0)
            {
                return Problems.Validation(missing.Select(field => Refusal.Invalid(field, $"Enter {field}.")));
            }
        }

        return await next(context);
    }

    private static List<string> Missing(params (string Field, string? Value)[] fields) =>
        [.. fields.Where(f => string.IsNullOrEmpty(f.Value)).Select(f => f.Field)];

    /// <summary>
    /// Refreshing ends the session of the token pair it came from (its access token too), so the same
    /// refresh token is refused the second time, on any instance.
    /// </summary>
    private static async ValueTask<object?> UseRefreshTokenOnceAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<RefreshRequest>().FirstOrDefault() is { } refresh)
        {
            var services = context.HttpContext.RequestServices;
            var protector = services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
            var ticket = protector.Unprotect(refresh.RefreshToken);
            if (ticket?.Principal.FindFirstValue(StaffSessions.SessionClaim) is not { } session
                || ticket.Properties.ExpiresUtc is not { } expires
                || !await services.GetRequiredService<StaffSessions>().TryEndAsync(session, Instant.FromDateTimeOffset(expires), context.HttpContext.RequestAborted))
            {
                return TypedResults.Unauthorized();
            }
        }

        return await next(context);
    }
}
