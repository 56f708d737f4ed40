using Caseload.Domain.Groups;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Groups;

public sealed record MemberView(string ClientId, LocalDate JoinedOn, string FirstName, string LastName);

public sealed record StayView(string ClientId, LocalDate JoinedOn, LocalDate? LeftOn);

/// <summary>A client marked as eligible to book the group's sessions themselves.</summary>
public sealed record EligibleView(string ClientId, string FirstName, string LastName, LocalDate MarkedOn);

/// <summary>A group as its page and the API show it: current members by name, and every stay ever.</summary>
public sealed record GroupView(
    string Id,
    string Name,
    string ClinicianId,
    string ServiceCode,
    int? Capacity,
    bool Archived,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<StayView> History,
    string? ClientTitle,
    SelfBooking SelfBooking,
    IReadOnlyList<EligibleView> Eligible);

/// <summary>One group of the asker's caseload, with its members' names.</summary>
public sealed class GroupDetails(CaseloadDbContext db, Caseloads caseloads, AuditTrail audit)
{
    /// <summary>The group as its page and the API show it; the members' names are their data, so each member's read is audited.</summary>
    public async Task<GroupView?> FindAsync(string id, CancellationToken ct)
    {
        var group = await (await caseloads.GroupsAsync(ct)).AsNoTracking().Include(g => g.Memberships).Include(g => g.Eligible)
            .FirstOrDefaultAsync(g => g.Id == id, ct);
        if (group is null)
        {
            return null;
        }

        var view = await OfAsync(group, ct);
        await audit.ReadAsync(AuditEntities.Client, "group:" + group.Id, view.Members.Select(m => (string?)m.ClientId).Concat(view.Eligible.Select(e => e.ClientId)), ct, $"member of {group.Name}");
        return view;
    }

    public async Task<GroupView> OfAsync(Group group, CancellationToken ct) => (await OfAsync([group], ct))[0];

    /// <summary>Several groups as views, their members' names read in one query.</summary>
    public async Task<IReadOnlyList<GroupView>> OfAsync(IReadOnlyList<Group> groups, CancellationToken ct)
    {
        var ids = groups.SelectMany(g => g.Memberships).Select(m => m.ClientId).Concat(groups.SelectMany(g => g.Eligible).Select(e => e.ClientId)).Distinct().ToList();
        var names = await db.Clients.AsNoTracking().Where(c => ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => (c.FirstName, c.LastName), ct);
        return [.. groups.Select(group => new GroupView(group.Id, group.Name, group.ClinicianId, group.ServiceCode, group.Capacity, group.IsArchived,
            [.. group.CurrentMembers.OrderBy(m => names[m.ClientId].LastName).ThenBy(m => names[m.ClientId].FirstName)
                .Select(m => new MemberView(m.ClientId, m.JoinedOn, names[m.ClientId].FirstName, names[m.ClientId].LastName))],
            [.. group.Memberships.OrderBy(m => m.JoinedOn).Select(m => new StayView(m.ClientId, m.JoinedOn, m.LeftOn))],
            group.ClientTitle,
            group.SelfBooking,
            [.. group.Eligible.OrderBy(e => names[e.ClientId].LastName).ThenBy(e => names[e.ClientId].FirstName)
                .Select(e => new EligibleView(e.ClientId, names[e.ClientId].FirstName, names[e.ClientId].LastName, e.MarkedOn))]))];
    }
}
