using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Clients;

internal static class ClientGroups
{
    /// <summary>
    /// A discharged or transferred client leaves the groups they were in today (rule 1: a group
    /// holds only its own clinician's active clients). Their stays remain in each group's history.
    /// </summary>
    public static async Task LeaveGroupsAsync(this CaseloadDbContext db, string clientId, LocalDate today, CancellationToken ct)
    {
        var groups = await db.Groups.Include(g => g.Memberships)
            .Where(g => g.Memberships.Any(m => m.ClientId == clientId && m.LeftOn == null)).ToListAsync(ct);
        foreach (var group in groups)
        {
            group.RemoveMember(clientId, today);
        }
    }
}
