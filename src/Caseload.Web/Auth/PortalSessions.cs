using System.Security.Cryptography;
using System.Text;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Auth;

/// <summary>The signed-in client a live portal session belongs to.</summary>
public sealed record PortalClient(string ClientId, string SessionId, string FirstName, string LastName)
{
    public string FullName => $"{FirstName} {LastName}";
}

/// <summary>
/// Clients' portal sessions: opaque random tokens of which the database keeps only the SHA-256 (256 random bits
/// need no salt or slow hash). A session is live while it has not ended, idled or grown too old, while the
/// portal is on, and while its client may still sign in: a discharge, a withdrawn invitation or a changed chart
/// email ends it on its next use, on every instance alike, since each request asks the database.
/// </summary>
public sealed class PortalSessions(CaseloadDbContext db, KeptPractice practice, Clock clock)
{
    /// <summary>Starts a session for the client and returns its token, the only copy there is.</summary>
    public async Task<string> StartAsync(string clientId, CancellationToken ct)
    {
        var now = clock.Now;
        var forgotten = now - PortalSession.Longest - PortalSession.Longest;
        await db.PortalSessions.Where(s => s.StartedAt < forgotten).ExecuteDeleteAsync(ct);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.PortalSessions.Add(new PortalSession(Hash(token), clientId, now));
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>The client of a live session, its last use moved to now; null when the token names no live session (which is then ended).</summary>
    public async Task<PortalClient?> FindLiveAsync(string token, CancellationToken ct)
    {
        var id = Hash(token);
        var now = clock.Now;
        var found = await (
                from s in db.PortalSessions.AsNoTracking()
                where s.Id == id
                join a in db.PortalAccounts.AsNoTracking() on s.ClientId equals a.ClientId
                join c in db.Clients.AsNoTracking() on s.ClientId equals c.Id
                select new { Session = s, Account = a, c.Email, c.DischargedOn, c.FirstName, c.LastName })
            .FirstOrDefaultAsync(ct);
        if (found is null || found.Session.EndedAt is not null)
        {
            return null;
        }

        var live = found.Session.IsLiveAt(now)
            && found.Account.MaySignIn(found.Email, found.DischargedOn is null)
            && (await practice.PortalAsync(ct)).Enabled;
        if (!live)
        {
            await db.PortalSessions.Where(s => s.Id == id && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
            return null;
        }

        if (now - found.Session.LastSeenAt >= PortalSession.TouchEvery)
        {
            await db.PortalSessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
        }

        return new PortalClient(found.Session.ClientId, id, found.FirstName, found.LastName);
    }

    /// <summary>Ends one session (sign-out).</summary>
    public async Task EndAsync(string sessionId, CancellationToken ct)
    {
        var now = clock.Now;
        await db.PortalSessions.Where(s => s.Id == sessionId && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
    }

    /// <summary>Ends every session of the client: staff withdrew the invitation or sent it to another email.</summary>
    public async Task EndAllAsync(string clientId, CancellationToken ct)
    {
        var now = clock.Now;
        await db.PortalSessions.Where(s => s.ClientId == clientId && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
