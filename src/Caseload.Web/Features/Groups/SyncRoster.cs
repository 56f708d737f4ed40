using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Portal.Booking;
using Caseload.Web.Features.Reminders;
using Caseload.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Groups;

public sealed record SyncRosterCommand(string GroupId);

/// <summary>
/// The appointments whose invitees changed, those left alone because they hold a note or a payment, and the
/// members not invited again to an appointment they were removed from on purpose.
/// </summary>
public sealed record SyncedRoster(IReadOnlyList<RosterChange> Changed, IReadOnlyList<RosterSkip> Skipped);

/// <summary>
/// Rule 5: the group's appointments from tomorrow on, with no note and no payment, take its current members,
/// except a member removed from one of them on purpose (rule 6). A departed member's seat in a self-booking session
/// goes to its waitlist.
/// </summary>
public sealed class SyncRoster(
    CaseloadDbContext db, Caseloads caseloads, AppointmentRecords records, ReminderSchedule reminders, Waitlists waitlists, CurrentStaff staff,
    Clock clock)
{
    public async Task<Outcome<SyncedRoster>> HandleAsync(SyncRosterCommand command, CancellationToken ct)
    {
        var group = await (await caseloads.GroupsAsync(ct)).Include(g => g.Memberships).FirstOrDefaultAsync(g => g.Id == command.GroupId, ct);
        if (group is null)
        {
            return Refusal.NotFound("No such group.");
        }

        if (await caseloads.MayActForAsync(group.ClinicianId, ct) is { } notAllowed)
        {
            return notAllowed;
        }

        var today = await db.TodayAsync(clock, ct);
        var appointments = await db.Appointments.Include(a => a.Invitees).Include(a => a.Uninvited)
            .Where(a => a.GroupId == group.Id && a.Date > today && a.Status == AppointmentStatus.Scheduled).ToListAsync(ct);
        var held = await records.RecordsOfAsync([.. appointments.Select(a => a.Id)], ct);
        var (changed, skipped) = RosterSync.Apply(group, appointments, held, today);
        var names = await db.Clients.AsNoTracking().Where(c => c.ClinicianId == group.ClinicianId)
            .ToDictionaryAsync(c => c.Id, c => c.FirstName + " " + c.LastName, ct);
        foreach (var change in changed)
        {
            var what = string.Join("; ", new[]
            {
                change.Added.Count > 0 ? "added " + string.Join(", ", change.Added.Select(c => names.GetValueOrDefault(c, "a client"))) : null,
                change.Removed.Count > 0 ? "removed " + string.Join(", ", change.Removed.Select(c => names.GetValueOrDefault(c, "a client"))) : null,
            }.OfType<string>());
            db.AppointmentEvents.Add(new AppointmentEvent(change.AppointmentId, staff.Author, clock.Now, $"Roster synced with the group: {what}."));
        }

        await db.SaveChangesAsync(ct);
        await reminders.SyncAsync([.. changed.Select(c => c.AppointmentId)], ct);
        db.ChangeTracker.Clear();
        foreach (var freed in changed.Where(c => c.Removed.Count > 0))
        {
            await waitlists.SeatFreedAsync(freed.AppointmentId, ct);
        }

        return new SyncedRoster(changed, skipped);
    }
}
