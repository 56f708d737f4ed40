using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Scheduling;

/// <summary>Who changed an appointment's invitees or attendance, and when: oldest first.</summary>
public sealed class AppointmentHistory(CaseloadDbContext db, AppointmentChanges changes)
{
    public async Task<Outcome<List<AppointmentEvent>>> OfAsync(string appointmentId, CancellationToken ct)
    {
        if (!await changes.IsVisibleAsync(appointmentId, ct))
        {
            return Refusal.NotFound("Not found.");
        }

        return await db.AppointmentEvents.AsNoTracking().Where(e => e.AppointmentId == appointmentId).OrderBy(e => e.At).ToListAsync(ct);
    }
}
