using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Groups;

public sealed record AddGroupMemberCommand(string GroupId, string? ClientId);

public sealed class AddGroupMember(CaseloadDbContext db, GroupChanges changes, AuditTrail audit, Clock clock)
{
    /// <summary>Rule 1. The client is looked up across the practice so that another clinician's client is refused by name, not hidden.</summary>
    public async Task<Outcome<GroupView>> HandleAsync(AddGroupMemberCommand command, CancellationToken ct)
    {
        var outcome = await changes.ApplyAsync(command.GroupId, async group =>
        {
            var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
            return client is null
                ? Refusal.NotFound("No such client.")
                : group.AddMember(client, await db.TodayAsync(clock, ct));
        }, ct);
        if (outcome.Succeeded)
        {
            await audit.RecordAsync(AuditActions.Change, AuditEntities.Client, command.ClientId!, command.ClientId, ct, $"joined {outcome.Value.Name}");
        }

        return outcome;
    }
}
