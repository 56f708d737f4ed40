using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Groups;

public sealed record MarkEligibleCommand(string GroupId, string? ClientId);

/// <summary>
/// The clinician's screening decision that a client may book the group's sessions themselves. Rule 1 applies: the
/// client is looked up across the practice so that another clinician's client is refused, not hidden.
/// </summary>
public sealed class MarkEligible(CaseloadDbContext db, GroupChanges changes, CurrentStaff staff, AuditTrail audit, Clock clock)
{
    public async Task<Outcome<GroupView>> HandleAsync(MarkEligibleCommand command, CancellationToken ct)
    {
        if (command.ClientId is not { Length: > 0 } clientId || string.IsNullOrWhiteSpace(clientId))
        {
            return Refusal.Invalid("clientId", "Choose the client who may book this group.");
        }

        var outcome = await changes.ApplyAsync(command.GroupId, async group =>
        {
            var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == clientId, ct);
            return client is null
                ? Refusal.Invalid("clientId", "No such client.")
                : group.MarkEligible(client, await db.TodayAsync(clock, ct), staff.Author);
        }, ct);
        if (outcome.Succeeded)
        {
            await audit.RecordAsync(AuditActions.Change, AuditEntities.Client, clientId, clientId, ct,
                $"may book {outcome.Value.Name} online");
        }

        return outcome;
    }
}
