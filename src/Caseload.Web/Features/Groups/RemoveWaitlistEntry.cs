using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Caseload.Web.Features.Portal.Booking;
using Caseload.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Groups;

public sealed record RemoveWaitlistEntryCommand(string AppointmentId, string ClientId);

/// <summary>Staff take a client off a session's waitlist; a seat held for them passes to the next in line.</summary>
[FeatureApi]
public sealed class RemoveWaitlistEntry(CaseloadDbContext db, AppointmentChanges changes, Waitlists waitlists, SessionWaitlist waitlist)
{
    public async Task<Outcome<WaitlistView>> HandleAsync(RemoveWaitlistEntryCommand command, CancellationToken ct)
    {
        var loaded = await changes.LoadAsync(command.AppointmentId, expectedVersion: null, ct);
        if (!loaded.Succeeded)
        {
            return loaded.AsOutcome;
        }

        db.ChangeTracker.Clear();
        var entryId = await db.Set<WaitlistEntry>().AsNoTracking()
            .Where(e => e.AppointmentId == command.AppointmentId && e.ClientId == command.ClientId).Select(e => e.Id).FirstOrDefaultAsync(ct);
        if (entryId is null)
        {
            return new Refusal(RefusalCodes.NotFound, "That client is not on this session's waitlist.");
        }

        var removed = await waitlists.EndPlaceAsync(entryId, command.ClientId, "removed from the waitlist by staff", actor: null, onlyAnOffer: false, ct);
        return removed.Succeeded ? await waitlist.ReadAsync(command.AppointmentId, ct) : removed;
    }
}
