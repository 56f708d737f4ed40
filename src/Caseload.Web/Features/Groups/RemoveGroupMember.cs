using Caseload.Domain;
using Caseload.Web.Data;

namespace Caseload.Web.Features.Groups;

public sealed record RemoveGroupMemberCommand(string GroupId, string ClientId);

public sealed class RemoveGroupMember(CaseloadDbContext db, GroupChanges changes, Clock clock)
{
    public Task<Outcome<GroupView>> HandleAsync(RemoveGroupMemberCommand command, CancellationToken ct) =>
        changes.ApplyAsync(command.GroupId, async group => group.RemoveMember(command.ClientId, await db.TodayAsync(clock, ct)), ct);
}
