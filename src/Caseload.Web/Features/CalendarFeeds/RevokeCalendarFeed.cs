using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.CalendarFeeds;

/// <summary>
/// Ends a staff member's feed: its address answers 404 from now on. Staff end their own; an administrator may end
/// anyone's (a lost phone, a leaving clinician). Ending a feed that does not exist changes nothing.
/// </summary>
[FeatureApi]
public sealed class RevokeCalendarFeed(CaseloadDbContext db, CurrentStaff staff, AuditTrail audit)
{
    public Task<Outcome> OwnAsync(CancellationToken ct) => RevokeAsync(staff.UserId, ct);

    public async Task<Outcome> OfUserAsync(string userId, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.Administers))
        {
            return Refusal.Forbidden("Only an administrator may end another user's calendar feed.");
        }

        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            return Refusal.NotFound("No such user.");
        }

        return await RevokeAsync(userId, ct);
    }

    private async Task<Outcome> RevokeAsync(string userId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var removed = await db.CalendarFeeds.Where(f => f.UserId == userId).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            await audit.RecordAsync(AuditActions.Delete, AuditEntities.User, userId, null, ct,
                userId == staff.UserId ? "calendar feed revoked" : "calendar feed revoked by an administrator");
        }

        await transaction.CommitAsync(ct);
        return Outcome.Done;
    }
}
