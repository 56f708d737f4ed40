using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.CalendarFeeds;

/// <summary>
/// Gives the signed-in staff member a new private feed token, replacing the one they had: the old address stops
/// working at once. Only clinicians have appointments of their own, so only they may have a feed.
/// </summary>
public sealed class CreateCalendarFeed(CaseloadDbContext db, CurrentStaff staff, Clock clock, AuditTrail audit)
{
    public async Task<Outcome<string>> HandleAsync(CancellationToken ct)
    {
        if (await staff.ClinicianIdAsync(ct) is null)
        {
            return new Refusal(RefusalCodes.CalendarFeedNeedsClinician,
                "A calendar feed shows your own sessions; only clinicians have sessions of their own.");
        }

        var (token, hash) = FeedTokens.New();
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.UserId == staff.UserId, ct);
        if (feed is null)
        {
            db.CalendarFeeds.Add(new CalendarFeed(staff.UserId, hash, clock.Now));
        }
        else
        {
            feed.Replace(hash, clock.Now);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(feed is null ? AuditActions.Create : AuditActions.Change, AuditEntities.User, staff.UserId, null, ct,
            feed is null ? "calendar feed created" : "calendar feed address replaced");
        await transaction.CommitAsync(ct);
        return token;
    }
}
