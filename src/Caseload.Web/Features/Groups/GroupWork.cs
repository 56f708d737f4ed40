using Caseload.Domain;
using Caseload.Domain.Groups;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Groups;

/// <summary>The group use cases: create, change, archive, add and remove members. Pages and API call these.</summary>
public sealed class GroupWork(CaseloadDbContext db, Caseloads caseloads, Clock clock)
{
    private static readonly Refusal NotFound = new("not-found", "No such group.");

    public async Task<GroupDto?> FindAsync(string id, CancellationToken ct)
    {
        var group = await (await caseloads.GroupsAsync(ct)).AsNoTracking().Include(g => g.Memberships)
            .FirstOrDefaultAsync(g => g.Id == id, ct);
        return group is null ? null : await ToDtoAsync(group, ct);
    }

    public async Task<(GroupDto? Group, Outcome Outcome)> CreateAsync(GroupInput input, CancellationToken ct)
    {
        var refusals = new List<Refusal>();
        var clinicianId = input.ClinicianId ?? await caseloads.OwnClinicianIdAsync(ct);
        if (await caseloads.MayActForAsync(clinicianId, ct) is { } notAllowed)
        {
            refusals.Add(notAllowed);
        }

        var serviceCode = input.ServiceCode ?? Domain.Billing.ServiceCode.GroupPsychotherapy;
        if (await CheckServiceCodeAsync(serviceCode, ct) is { } unknown)
        {
            refusals.Add(unknown);
        }

        var (group, outcome) = Group.Create(clinicianId ?? "", input.Name ?? "", serviceCode, input.Capacity);
        refusals.AddRange(outcome.Refusals);
        if (refusals.Count > 0)
        {
            return (null, Outcome.From(refusals));
        }

        db.Groups.Add(group!);
        await db.SaveChangesAsync(ct);
        return (await ToDtoAsync(group!, ct), Outcome.Done);
    }

    public Task<(GroupDto? Group, Outcome Outcome)> ChangeAsync(string id, GroupInput input, CancellationToken ct) =>
        WithGroupAsync(id, async group =>
        {
            var serviceCode = input.ServiceCode ?? group.ServiceCode;
            if (await CheckServiceCodeAsync(serviceCode, ct) is { } unknown)
            {
                return unknown;
            }

            return group.Change(input.Name ?? "", serviceCode, input.Capacity);
        }, ct);

    public Task<(GroupDto? Group, Outcome Outcome)> SetArchivedAsync(string id, bool archived, CancellationToken ct) =>
        WithGroupAsync(id, group =>
        {
            if (archived)
            {
                group.Archive();
            }
            else
            {
                group.Restore();
            }

            return Task.FromResult(Outcome.Done);
        }, ct);

    /// <summary>Rule 1. The client is looked up across the practice so that another clinician's client is refused by name, not hidden.</summary>
    public Task<(GroupDto? Group, Outcome Outcome)> AddMemberAsync(string id, string? clientId, CancellationToken ct) =>
        WithGroupAsync(id, async group =>
        {
            var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == clientId, ct);
            return client is null
                ? new Refusal("not-found", "No such client.")
                : group.AddMember(client, await db.TodayAsync(clock, ct));
        }, ct);

    public Task<(GroupDto? Group, Outcome Outcome)> RemoveMemberAsync(string id, string clientId, CancellationToken ct) =>
        WithGroupAsync(id, async group => group.RemoveMember(clientId, await db.TodayAsync(clock, ct)), ct);

    private async Task<(GroupDto? Group, Outcome Outcome)> WithGroupAsync(string id, Func<Group, Task<Outcome>> change, CancellationToken ct)
    {
        var group = await (await caseloads.GroupsAsync(ct)).Include(g => g.Memberships).FirstOrDefaultAsync(g => g.Id == id, ct);
        if (group is null)
        {
            return (null, NotFound);
        }

        if (await caseloads.MayActForAsync(group.ClinicianId, ct) is { } notAllowed)
        {
            return (null, notAllowed);
        }

        var outcome = await change(group);
        if (!outcome.Succeeded)
        {
            return (null, outcome);
        }

        await db.SaveChangesAsync(ct);
        return (await ToDtoAsync(group, ct), Outcome.Done);
    }

    private async Task<Refusal?> CheckServiceCodeAsync(string code, CancellationToken ct) =>
        await db.ServiceCodes.AnyAsync(s => s.Code == code, ct)
            ? null
            : Refusal.Invalid("serviceCode", $"{code} is not one of the practice's service codes.");


    private async Task<GroupDto> ToDtoAsync(Group group, CancellationToken ct)
    {
        var ids = group.Memberships.Select(m => m.ClientId).Distinct().ToList();
        var names = await db.Clients.AsNoTracking().Where(c => ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => (c.FirstName, c.LastName), ct);
        return GroupDto.From(group, names);
    }
}
