using Caseload.Domain;

namespace Caseload.Web.Features.Groups;

public sealed record RestoreGroupCommand(string GroupId);

public sealed class RestoreGroup(GroupChanges changes)
{
    public Task<Outcome<GroupView>> HandleAsync(RestoreGroupCommand command, CancellationToken ct) =>
        changes.ApplyAsync(command.GroupId, group =>
        {
            group.Restore();
            return Task.FromResult(Outcome.Done);
        }, ct);
}
