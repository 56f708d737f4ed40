using Caseload.Web.Auth;
using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Scheduling;

/// <summary>Who booked or changed an appointment, its invitees or attendance, and when: oldest first.</summary>
public sealed class AppointmentHistory(CaseloadDbContext db, AppointmentChanges changes, CurrentStaff staff)
{
    /// <summary>Missed reasons are shown to those who may read the Missed Appointment Note (<c>GET …/missed</c>): not to billers (finding 10).</summary>
    public async Task<Outcome<List<AppointmentEvent>>> OfAsync(string appointmentId, CancellationToken ct)
    {
        if (!await changes.IsVisibleAsync(appointmentId, ct))
        {
            return Refusal.NotFound("Not found.");
        }

        var events = await db.AppointmentEvents.AsNoTracking().Where(e => e.AppointmentId == appointmentId).OrderBy(e => e.At).ToListAsync(ct);
        return staff.Satisfies(MissedNotes.ReadsReasons)
            ? events
            : [.. events.Select(e => new AppointmentEvent(e.AppointmentId, e.By, e.At, AppointmentChanges.Redacted(e.What)))];
    }
}
