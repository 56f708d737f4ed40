using System.Security.Claims;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Caseload.Web.Auth;

/// <summary>
/// Whether a signed-in request still belongs to a live session. Every sign-in (cookie or token pair)
/// carries a session id and the user's security stamp; a request is refused when the account was
/// deactivated, when its stamp changed (password or roles changed, deactivated) or when its session
/// was ended (signed out, refresh token used). The answer is cached for <see cref="CacheFor"/> so a
/// busy page costs two small queries every few seconds, not per request; a change made on this
/// instance clears its cache at once, other instances see it within that time.
/// </summary>
public sealed class StaffSessions(CaseloadDbContext db, IMemoryCache cache, Clock clock, IOptions<IdentityOptions> identity,
    IOptionsMonitor<BearerTokenOptions> bearer, IOptionsMonitor<CookieAuthenticationOptions> cookies)
{
    /// <summary>The claim naming the session: one per cookie sign-in, one per access/refresh token pair.</summary>
    public const string SessionClaim = "caseload_session";

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private sealed record AccountState(string? Stamp, bool Active);

    public static Claim NewSessionClaim() => new(SessionClaim, Guid.NewGuid().ToString("N"));

    public async Task<bool> IsLiveAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var session = user.FindFirstValue(SessionClaim);
        if (userId is null || stamp is null || session is null)
        {
            return false;
        }

        var account = await cache.GetOrCreateAsync(UserKey(userId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new AccountState(u.SecurityStamp, u.DeactivatedAt == null)).FirstOrDefaultAsync(ct);
        });
        if (account is not { Active: true } || account.Stamp != stamp)
        {
            return false;
        }

        var ended = await cache.GetOrCreateAsync(SessionKey(session), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return db.EndedSessions.AnyAsync(s => s.Id == session, ct);
        });
        return !ended;
    }

    /// <summary>Ends the session of this sign-in (sign-out): its cookie, or its access and refresh tokens.</summary>
    public async Task EndAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.FindFirstValue(SessionClaim) is { } session)
        {
            await TryEndAsync(session, clock.Now + Duration.FromTimeSpan(LongestLifetime), ct);
        }
    }

    /// <summary>
    /// Ends a session unless it has ended already: false then. The database's key decides, so two
    /// instances given the same refresh token at once cannot both accept it.
    /// </summary>
    public async Task<bool> TryEndAsync(string session, Instant expiresAt, CancellationToken ct)
    {
        var now = clock.Now;
        await db.EndedSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(ct);
        var row = new EndedSession { Id = session, ExpiresAt = expiresAt };
        db.EndedSessions.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(row).State = EntityState.Detached;
            return false;
        }
        finally
        {
            cache.Remove(SessionKey(session));
        }
    }

    /// <summary>Called after an account was saved here (<see cref="StaffUserManager"/>), so this instance refuses its old sessions at once.</summary>
    public static void Forget(IMemoryCache cache, string userId) => cache.Remove(UserKey(userId));

    private TimeSpan LongestLifetime
    {
        get
        {
            var tokens = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenExpiration;
            var cookie = cookies.Get(IdentityConstants.ApplicationScheme).ExpireTimeSpan;
            return tokens > cookie ? tokens : cookie;
        }
    }

    private static string UserKey(string userId) => "staff-session-user:" + userId;

    private static string SessionKey(string session) => "staff-session-ended:" + session;
}

/// <summary>
/// Runs after authentication: a sign-in whose session is no longer live becomes anonymous, so the
/// API answers 401 and a page sends the browser to the sign-in page; a dead cookie is also deleted.
/// Under <c>/portal</c> the sign-in is a client's, whose scheme has checked its session already.
/// </summary>
internal sealed class LiveSessionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, StaffSessions sessions)
    {
        if (context.User.Identity?.IsAuthenticated == true && !context.IsPortal()
            && !await sessions.IsLiveAsync(context.User, context.RequestAborted))
        {
            if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            }

            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        await next(context);
    }
}
