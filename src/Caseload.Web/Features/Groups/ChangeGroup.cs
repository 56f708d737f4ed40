using Caseload.Domain;

namespace Caseload.Web.Features.Groups;

/// <param name="ServiceCode">The new default code; the current one when not given.</param>
/// <param name="ClientTitle">What clients see it called; none (the neutral "Group session") when not given.</param>
public sealed record ChangeGroupCommand(string GroupId, string Name, string? ServiceCode, int? Capacity, string? ClientTitle = null);

public sealed class ChangeGroup(GroupChanges changes)
{
    public Task<Outcome<GroupView>> HandleAsync(ChangeGroupCommand command, CancellationToken ct) =>
        changes.ApplyAsync(command.GroupId, async group =>
        {
            var serviceCode = command.ServiceCode ?? group.ServiceCode;
            if (await changes.CheckServiceCodeAsync(serviceCode, ct) is { } unknown)
            {
                return unknown;
            }

            return group.Change(command.Name, serviceCode, command.Capacity, command.ClientTitle);
        }, ct);
}
