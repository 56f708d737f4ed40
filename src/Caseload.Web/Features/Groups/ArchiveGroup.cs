using Caseload.Domain;

namespace Caseload.Web.Features.Groups;

public sealed record ArchiveGroupCommand(string GroupId);

public sealed class ArchiveGroup(GroupChanges changes)
{
    public Task<Outcome<GroupView>> HandleAsync(ArchiveGroupCommand command, CancellationToken ct) =>
        changes.ApplyAsync(command.GroupId, group =>
        {
            group.Archive();
            return Task.FromResult(Outcome.Done);
        }, ct);
}
