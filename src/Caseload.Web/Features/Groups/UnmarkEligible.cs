using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Features.Portal.Booking;

namespace Caseload.Web.Features.Groups;

public sealed record UnmarkEligibleCommand(string GroupId, string ClientId);

/// <summary>
/// The client may no longer book the group. Seats they booked stay booked (staff remove them from a session if
/// need be); their places on the group's waitlists end, and a seat held for them passes to the next in line.
/// </summary>
public sealed class UnmarkEligible(GroupChanges changes, Waitlists waitlists, AuditTrail audit)
{
    public async Task<Outcome<GroupView>> HandleAsync(UnmarkEligibleCommand command, CancellationToken ct)
    {
        var outcome = await changes.ApplyAsync(command.GroupId, group => Task.FromResult(group.UnmarkEligible(command.ClientId)), ct);
        if (outcome.Succeeded)
        {
            await waitlists.LeaveGroupAsync(command.GroupId, command.ClientId, ct);
            await audit.RecordAsync(AuditActions.Change, AuditEntities.Client, command.ClientId, command.ClientId, ct,
                $"may no longer book {outcome.Value.Name} online");
        }

        return outcome;
    }
}
