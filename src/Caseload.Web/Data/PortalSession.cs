using NodaTime;

namespace Caseload.Web.Data;

/// <summary>
/// A client's signed-in session in the portal. Its id is the SHA-256 of the opaque token the client holds (a
/// bearer token or the portal's cookie), so the table alone signs no one in. It ends after
/// <see cref="IdleLimit"/> without use, after <see cref="Longest"/> in any case, or at sign-out.
/// </summary>
public sealed class PortalSession
{
    public static readonly Duration IdleLimit = Duration.FromMinutes(30);

    public static readonly Duration Longest = Duration.FromHours(12);

    /// <summary>How stale <see cref="LastSeenAt"/> may be before a request writes it again: a page's many requests cost one write a minute.</summary>
    public static readonly Duration TouchEvery = Duration.FromMinutes(1);

    private PortalSession()
    {
    }

    public PortalSession(string id, string clientId, Instant now)
    {
        Id = id;
        ClientId = clientId;
        StartedAt = now;
        LastSeenAt = now;
    }

    /// <summary>The lower-case hex SHA-256 of the token.</summary>
    public string Id { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    public Instant StartedAt { get; private set; }

    public Instant LastSeenAt { get; private set; }

    public Instant? EndedAt { get; private set; }

    public bool IsLiveAt(Instant now) => EndedAt is null && now < StartedAt + Longest && now < LastSeenAt + IdleLimit;
}
