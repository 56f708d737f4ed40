using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.CalendarFeeds;

/// <summary>Whether staff have a feed, and since when; never the address, which only its owner sees, once, when it is made.</summary>
[FeatureApi]
public sealed class CalendarFeedState(CaseloadDbContext db)
{
    public async Task<Instant?> CreatedAtAsync(string userId, CancellationToken ct) =>
        await db.CalendarFeeds.Where(f => f.UserId == userId).Select(f => (Instant?)f.CreatedAt).FirstOrDefaultAsync(ct);
}
