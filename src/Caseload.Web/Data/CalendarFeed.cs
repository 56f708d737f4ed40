using NodaTime;

namespace Caseload.Web.Data;

/// <summary>
/// A staff member's private calendar feed: at most one per user. Only the SHA-256 of the feed's token is kept, so
/// a copy of the database does not give anyone a working feed address; a new token replaces the row's hash and the
/// old address stops working at once.
/// </summary>
public sealed class CalendarFeed
{
    private CalendarFeed()
    {
    }

    public CalendarFeed(string userId, string tokenHash, Instant createdAt)
    {
        UserId = userId;
        TokenHash = tokenHash;
        CreatedAt = createdAt;
    }

    public string UserId { get; private set; } = "";

    /// <summary>The lower-case hex SHA-256 of the token in the address.</summary>
    public string TokenHash { get; private set; } = "";

    public Instant CreatedAt { get; private set; }

    /// <summary>The SHA-256 of what the feed showed when last served: its ETag.</summary>
    public string? ContentHash { get; private set; }

    /// <summary>When the feed was first served showing <see cref="ContentHash"/>: its Last-Modified.</summary>
    public Instant? ContentChangedAt { get; private set; }

    /// <summary>A new address for the same feed: the old token's hash is gone, and what was served is forgotten.</summary>
    public void Replace(string tokenHash, Instant at)
    {
        TokenHash = tokenHash;
        CreatedAt = at;
        ContentHash = null;
        ContentChangedAt = null;
    }

    /// <summary>Remembers what was served; returns whether it differs from what was served before.</summary>
    public bool Served(string contentHash, Instant at)
    {
        if (ContentHash == contentHash && ContentChangedAt is not null)
        {
            return false;
        }

        ContentHash = contentHash;
        ContentChangedAt = at;
        return true;
    }
}
