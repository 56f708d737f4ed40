using Caseload.Domain;
using Caseload.Domain.Groups;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Groups;

/// <summary>
/// What every change to an existing group shares: find it on the asker's caseload, check the asker
/// may act for its clinician, apply the change, save it in one go and read the group back.
/// </summary>
public sealed class GroupChanges(CaseloadDbContext db, Caseloads caseloads, GroupDetails details)
{
    public async Task<Outcome<GroupView>> ApplyAsync(string groupId, Func<Group, Task<Outcome>> change, CancellationToken ct)
    {
        var group = await (await caseloads.GroupsAsync(ct)).Include(g => g.Memberships).Include(g => g.Eligible).FirstOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null)
        {
            return Refusal.NotFound("No such group.");
        }

        if (await caseloads.MayActForAsync(group.ClinicianId, ct) is { } notAllowed)
        {
            return notAllowed;
        }

        var outcome = await change(group);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await db.SaveChangesAsync(ct);
        return await details.OfAsync(group, ct);
    }

    public async Task<Refusal?> CheckServiceCodeAsync(string code, CancellationToken ct) =>
        await db.ServiceCodes.AnyAsync(s => s.Code == code, ct)
            ? null
            : Refusal.Invalid("serviceCode", $"{code} is not one of the practice's service codes.");
}
