using Caseload.Domain;
using Caseload.Web.Data;
using Caseload.Web.Features.Portal.Booking;

namespace Caseload.Web.Features.Scheduling;

public sealed record RemoveInviteeCommand(string AppointmentId, string ClientId);

/// <summary>
/// Rule 6: before the session's day, a client is taken off this appointment alone. In a self-booking session the seat
/// they leave goes to the first on its waitlist.
/// </summary>
public sealed class RemoveInvitee(CaseloadDbContext db, AppointmentChanges changes, Waitlists waitlists, Clock clock)
{
    public async Task<Outcome> HandleAsync(RemoveInviteeCommand command, CancellationToken ct)
    {
        var loaded = await changes.LoadAsync(command.AppointmentId, expectedVersion: null, ct);
        if (!loaded.Succeeded)
        {
            return loaded.AsOutcome;
        }

        var appointment = loaded.Value;
        var outcome = appointment.RemoveInvitee(command.ClientId, await db.TodayAsync(clock, ct));
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await changes.SaveWithHistoryAsync(appointment, $"Removed {await changes.NameAsync(command.ClientId, ct)} from this appointment.", ct);
        db.ChangeTracker.Clear();
        await waitlists.SeatFreedAsync(command.AppointmentId, ct);
        return Outcome.Done;
    }
}
