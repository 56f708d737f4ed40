using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;

namespace Caseload.Web.Features.Groups;

public sealed record RemoveGroupMemberCommand(string GroupId, string ClientId);

public sealed class RemoveGroupMember(CaseloadDbContext db, GroupChanges changes, AuditTrail audit, Clock clock)
{
    public async Task<Outcome<GroupView>> HandleAsync(RemoveGroupMemberCommand command, CancellationToken ct)
    {
        var outcome = await changes.ApplyAsync(command.GroupId, async group => group.RemoveMember(command.ClientId, await db.TodayAsync(clock, ct)), ct);
        if (outcome.Succeeded)
        {
            await audit.RecordAsync(AuditActions.Change, AuditEntities.Client, command.ClientId, command.ClientId, ct, $"left {outcome.Value.Name}");
        }

        return outcome;
    }
}
