using Caseload.Web.Data;
using Caseload.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.Practice;

/// <summary>
/// After the practice's settings are saved: a new time zone re-reads every booked wall-clock time
/// in that zone, and new lead times re-plan reminders.
/// </summary>
public sealed class PracticeZoneChange(CaseloadDbContext db, ReminderSchedule reminders)
{
    public async Task SaveAsync(Domain.Practices.Practice practice, CancellationToken ct)
    {
        var zoneChanged = db.Entry(practice).Property(p => p.TimeZoneId).IsModified;
        var leadTimesChanged = db.Entry(practice).Property(p => p.ReminderLeadTimesHours).IsModified;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (zoneChanged)
        {
            foreach (var batch in (await db.Appointments.Select(a => a.Id).ToListAsync(ct)).Chunk(500))
            {
                foreach (var appointment in await db.Appointments.Where(a => batch.Contains(a.Id)).ToListAsync(ct))
                {
                    appointment.MoveToZone(practice.Zone);
                }

                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        await transaction.CommitAsync(ct);
        if (zoneChanged || leadTimesChanged)
        {
            await reminders.SyncFutureAsync(ct);
        }
    }
}
