using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.Users;

[FeatureApi]
public sealed record StaffSummary(
    string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string? ClinicianId, string? Color, bool Active, bool TwoFactorEnabled,
    bool HasCalendarFeed = false);

/// <summary>The practice's staff accounts with their roles and state, for administrators.</summary>
[FeatureApi]
public sealed class StaffList(CaseloadDbContext db)
{
    public async Task<List<StaffSummary>> ListAsync(CancellationToken ct) => await QueryAsync(null, ct);

    public async Task<StaffSummary?> FindAsync(string id, CancellationToken ct) => (await QueryAsync(id, ct)).FirstOrDefault();

    private async Task<List<StaffSummary>> QueryAsync(string? id, CancellationToken ct)
    {
        var roles = await db.UserRoles.Where(ur => id == null || ur.UserId == id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => id == null || u.Id == id).OrderBy(u => u.DisplayName)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.DeactivatedAt,
                u.TwoFactorEnabled,
                HasCalendarFeed = db.CalendarFeeds.Any(f => f.UserId == u.Id),
                Clinician = db.Clinicians.Where(c => c.UserId == u.Id).Select(c => new { c.Id, c.Color }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. users.Select(u => new StaffSummary(u.Id, u.Email ?? "", u.DisplayName,
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order(StringComparer.Ordinal)],
            u.Clinician?.Id, u.Clinician?.Color, u.DeactivatedAt is null, u.TwoFactorEnabled, u.HasCalendarFeed))];
    }
}
