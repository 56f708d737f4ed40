using Caseload.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Groups;

public sealed record GroupListing(string Id, string Name, string ClinicianId, string ServiceCode, int? Capacity, bool Archived, int MemberCount, string? ClientTitle);

/// <summary>The groups of the asker's caseload by name, current or archived, with how many members each has now.</summary>
public sealed class GroupList(Caseloads caseloads)
{
    public async Task<IReadOnlyList<GroupListing>> ListAsync(string? clinicianId, bool archived, CancellationToken ct)
    {
        var query = (await caseloads.GroupsAsync(ct)).AsNoTracking().Where(g => g.IsArchived == archived);
        if (!string.IsNullOrEmpty(clinicianId))
        {
            query = query.Where(g => g.ClinicianId == clinicianId);
        }

        return await query.OrderBy(g => g.Name)
            .Select(g => new GroupListing(g.Id, g.Name, g.ClinicianId, g.ServiceCode, g.Capacity, g.IsArchived,
                g.Memberships.Count(m => m.LeftOn == null), g.ClientTitle))
            .ToListAsync(ct);
    }
}
