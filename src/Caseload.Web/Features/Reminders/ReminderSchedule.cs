using Caseload.Domain.Clients;
using Caseload.Domain.Practices;
using Caseload.Domain.Reminders;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Reminders;

/// <summary>
/// Keeps reminders in step with the schedule (rule 10). Every change to an appointment, its
/// invitees, a client's preferences or the practice's lead times ends with one call here.
/// </summary>
[FeatureApi]
public sealed class ReminderSchedule(CaseloadDbContext db, Clock clock)
{
    public async Task SyncAsync(IReadOnlyCollection<string> appointmentIds, CancellationToken ct)
    {
        if (appointmentIds.Count == 0)
        {
            return;
        }

        var practice = await db.PracticeAsync(ct);
        var now = clock.Now;
        foreach (var batch in appointmentIds.Distinct().Chunk(200))
        {
            var appointments = await db.Appointments.AsNoTracking().Include(a => a.Invitees).Where(a => batch.Contains(a.Id)).ToListAsync(ct);
            var clientIds = appointments.SelectMany(a => a.Invitees).Select(i => i.ClientId).Distinct().ToList();
            var clients = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            var existing = (await db.Reminders.Where(r => batch.Contains(r.AppointmentId)).ToListAsync(ct)).ToLookup(r => r.AppointmentId);
            foreach (var appointment in appointments)
            {
                var wanted = ReminderPlan.For(appointment, clients, practice.ReminderLeadTimesHours, now);
                db.Reminders.AddRange(ReminderPlan.Reconcile(appointment.Id, [.. existing[appointment.Id]], wanted));
            }

            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// The reminders of appointments about to be saved for the first time, planned from the clients the booking
    /// already read: nothing to reconcile and nothing to read, so they are saved with the appointments.
    /// </summary>
    public IEnumerable<Reminder> ForNew(IEnumerable<Appointment> appointments, IReadOnlyDictionary<string, Client> clients, Practice practice)
    {
        var now = clock.Now;
        return appointments.SelectMany(a => ReminderPlan.Reconcile(a.Id, [], ReminderPlan.For(a, clients, practice.ReminderLeadTimesHours, now)));
    }

    /// <summary>A client's preferences or contact details changed: their future appointments' reminders follow.</summary>
    public async Task SyncClientAsync(string clientId, CancellationToken ct)
    {
        var now = clock.Now;
        var ids = await db.Appointments.Where(a => a.StartsAt > now && a.Invitees.Any(i => i.ClientId == clientId))
            .Select(a => a.Id).ToListAsync(ct);
        await SyncAsync(ids, ct);
    }

    /// <summary>The practice's lead times changed: every future appointment's reminders follow.</summary>
    public async Task SyncFutureAsync(CancellationToken ct)
    {
        var now = clock.Now;
        var ids = await db.Appointments.Where(a => a.StartsAt > now).Select(a => a.Id).ToListAsync(ct);
        await SyncAsync(ids, ct);
    }
}
