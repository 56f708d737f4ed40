using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Groups;

/// <summary>One client, or several at once: all join, or none does.</summary>
public sealed record AddGroupMemberCommand(string GroupId, IReadOnlyList<string?> ClientIds)
{
    public AddGroupMemberCommand(string groupId, string? clientId)
        : this(groupId, [clientId])
    {
    }
}

public sealed class AddGroupMember(CaseloadDbContext db, GroupChanges changes, AuditTrail audit, Clock clock)
{
    /// <summary>
    /// Rule 1, for each client. The clients are looked up across the practice so that another clinician's
    /// client is refused, not hidden. Several clients join in one save: when one is refused, none joins, and
    /// the refusal names that client (by id, as another clinician's client's name is not the asker's to see).
    /// </summary>
    public async Task<Outcome<GroupView>> HandleAsync(AddGroupMemberCommand command, CancellationToken ct)
    {
        if (command.ClientIds.Count == 0)
        {
            return Refusal.Invalid("clientIds", "Choose at least one client to add.");
        }

        var several = command.ClientIds.Count > 1;
        var ids = command.ClientIds.OfType<string>().ToList();
        var outcome = await changes.ApplyAsync(command.GroupId, async group =>
        {
            var clients = await db.Clients.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            var today = await db.TodayAsync(clock, ct);
            for (var i = 0; i < command.ClientIds.Count; i++)
            {
                var id = command.ClientIds[i];
                var added = id is not null && clients.TryGetValue(id, out var client)
                    ? group.AddMember(client, today)
                    : Refusal.NotFound("No such client.");
                if (!added.Succeeded)
                {
                    return several ? Naming(added.First!, id, i) : added;
                }
            }

            return Outcome.Done;
        }, ct);
        if (outcome.Succeeded)
        {
            await audit.RecordAsync([.. ids.Distinct().Select(id => new AuditEvent(AuditActions.Change, AuditEntities.Client, id, id, $"joined {outcome.Value.Name}"))], ct);
        }

        return outcome;
    }

    /// <remarks>In a list, an unknown client is bad input (400) rather than a missing group (404).</remarks>
    private static Refusal Naming(Refusal refusal, string? clientId, int index) =>
        refusal.Code == RefusalCodes.NotFound
            ? Refusal.Invalid($"clientIds[{index}]", $"No such client: {clientId ?? "(none)"}.")
            : refusal with { Message = $"Client {clientId}: {refusal.Message}", Field = $"clientIds[{index}]" };
}
