using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Notes;

/// <summary>Sessions already held without a signed note: what the clinician still owes the record.</summary>
[FeatureApi]
public sealed class NotesToSign(CaseloadDbContext db, CurrentStaff staff, AppointmentFeed feed, Clock clock)
{
    /// <summary>The asker's own sessions, oldest first; empty for staff who are not clinicians.</summary>
    public async Task<List<AppointmentView>> ListAsync(CancellationToken ct)
    {
        var own = await staff.ClinicianIdAsync(ct);
        if (own is null)
        {
            return [];
        }

        var now = clock.Now;
        var ids = await db.Appointments.AsNoTracking()
            .Where(a => a.ClinicianId == own && a.Status == AppointmentStatus.Scheduled && a.EndsAt <= now)
            .Where(a => !db.Notes.Any(n => n.AppointmentId == a.Id && n.Status == NoteStatus.Signed))
            .OrderBy(a => a.StartsAt).Select(a => a.Id).Take(50).ToListAsync(ct);
        return await feed.ByIdsAsync(ids, ct);
    }
}
