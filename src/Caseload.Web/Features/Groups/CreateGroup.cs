using Caseload.Domain;
using Caseload.Domain.Groups;
using Caseload.Web.Auth;
using Caseload.Web.Data;

namespace Caseload.Web.Features.Groups;

/// <param name="ClinicianId">Who runs the group; the asker's own clinician record when not given.</param>
/// <param name="ServiceCode">The group's default code; group psychotherapy (90853) when not given.</param>
/// <param name="ClientTitle">What clients see it called; the neutral "Group session" when not given.</param>
/// <param name="SelfBooking">Self-booking and the seats of each session; off when not given.</param>
public sealed record CreateGroupCommand(string? ClinicianId, string Name, string? ServiceCode, int? Capacity, string? ClientTitle = null, SelfBooking? SelfBooking = null);

public sealed class CreateGroup(CaseloadDbContext db, Caseloads caseloads, GroupChanges changes, GroupDetails details)
{
    public async Task<Outcome<GroupView>> HandleAsync(CreateGroupCommand command, CancellationToken ct)
    {
        var refusals = new List<Refusal>();
        var clinicianId = command.ClinicianId ?? await caseloads.OwnClinicianIdAsync(ct);
        if (await caseloads.MayActForAsync(clinicianId, ct) is { } notAllowed)
        {
            refusals.Add(notAllowed);
        }

        var serviceCode = command.ServiceCode ?? Domain.Billing.ServiceCode.GroupPsychotherapy;
        if (await changes.CheckServiceCodeAsync(serviceCode, ct) is { } unknown)
        {
            refusals.Add(unknown);
        }

        var (group, outcome) = Group.Create(clinicianId ?? "", command.Name, serviceCode, command.Capacity, command.ClientTitle);
        refusals.AddRange(outcome.Refusals);
        if (group is not null && command.SelfBooking is { } selfBooking)
        {
            refusals.AddRange(group.ChangeSelfBooking(selfBooking).Refusals ?? []);
        }

        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        db.Groups.Add(group!);
        await db.SaveChangesAsync(ct);
        return await details.OfAsync(group!, ct);
    }
}
