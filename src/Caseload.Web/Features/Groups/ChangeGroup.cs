using Caseload.Domain;
using Caseload.Domain.Groups;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Caseload.Web.Features.Portal.Booking;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Groups;

/// <param name="ServiceCode">The new default code; the current one when not given.</param>
/// <param name="ClientTitle">What clients see it called; none (the neutral "Group session") when not given.</param>
/// <param name="SelfBooking">Self-booking and the seats of each session; as they are when not given.</param>
public sealed record ChangeGroupCommand(string GroupId, string Name, string? ServiceCode, int? Capacity, string? ClientTitle = null, SelfBooking? SelfBooking = null);

public sealed class ChangeGroup(GroupChanges changes, CaseloadDbContext db, Waitlists waitlists, Clock clock)
{
    public async Task<Outcome<GroupView>> HandleAsync(ChangeGroupCommand command, CancellationToken ct)
    {
        var before = SelfBooking.Off;
        var outcome = await changes.ApplyAsync(command.GroupId, async group =>
        {
            before = group.SelfBooking;
            var serviceCode = command.ServiceCode ?? group.ServiceCode;
            if (await changes.CheckServiceCodeAsync(serviceCode, ct) is { } unknown)
            {
                return unknown;
            }

            var changed = group.Change(command.Name, serviceCode, command.Capacity, command.ClientTitle);
            var selfBooking = command.SelfBooking is { } wanted ? group.ChangeSelfBooking(wanted) : Outcome.Done;
            return changed.Succeeded && selfBooking.Succeeded ? Outcome.Done : Outcome.From([.. changed.Refusals, .. selfBooking.Refusals]);
        }, ct);

        if (outcome.Succeeded && SeatsOpened(before, outcome.Value.SelfBooking))
        {
            await OfferOpenedSeatsAsync(command.GroupId, ct);
        }

        return outcome;
    }

    private static bool SeatsOpened(SelfBooking before, SelfBooking after) =>
        after.Enabled && (!before.Enabled || (after.Capacity ?? 0) > (before.Capacity ?? 0));

    /// <summary>More seats, or booking switched on: the sessions' waitlists are offered the seats first.</summary>
    private async Task OfferOpenedSeatsAsync(string groupId, CancellationToken ct)
    {
        var now = clock.Now;
        var waiting = await db.Set<WaitlistEntry>().AsNoTracking()
            .Where(e => db.Appointments.Any(a => a.Id == e.AppointmentId && a.GroupId == groupId && a.StartsAt > now && a.Status == AppointmentStatus.Scheduled))
            .Select(e => e.AppointmentId).Distinct().ToListAsync(ct);
        foreach (var appointmentId in waiting)
        {
            await waitlists.SeatFreedAsync(appointmentId, ct);
        }
    }
}
