using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.Users;

/// <summary>The practice always keeps one active administrator, or nobody could manage staff again.</summary>
internal static class StaffAccountRules
{
    public static async Task<Refusal?> KeepsAnAdministratorAsync(this CaseloadDbContext db, string userId, CancellationToken ct)
    {
        var otherActiveAdministrators = await db.UserRoles
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => x.Name == Roles.Administrator && x.UserId != userId)
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => u)
            .CountAsync(u => u.DeactivatedAt == null, ct);
        return otherActiveAdministrators > 0
            ? null
            : new Refusal(RefusalCodes.LastAdministrator, "This is the practice's last active administrator. Make someone else an administrator first.");
    }

    public static async Task<bool> IsAdministratorAsync(this CaseloadDbContext db, string userId, CancellationToken ct) =>
        await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .AnyAsync(x => x.UserId == userId && x.Name == Roles.Administrator, ct);
}
