using Caseload.Web.Api;
using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Scheduling;

/// <summary>Edits of a saved appointment: move, resize, room, memo, cancel. Each occurrence of a series is its own row.</summary>
public sealed class ChangeAppointment(CaseloadDbContext db, Caseloads caseloads, AppointmentFeed feed, ReminderSchedule reminders)
{
    public const string Following = "following";

    /// <param name="ifMatch">The ETag the client last saw; a stale one is refused so no edit is silently lost.</param>
    public async Task<(AppointmentDto? Saved, Outcome Outcome)> PatchAsync(string id, AppointmentPatch patch, string? ifMatch, CancellationToken ct)
    {
        var appointment = await FindAsync(id, ifMatch, ct);
        if (appointment.Refusal is not null)
        {
            return (null, appointment.Refusal);
        }

        var target = appointment.Appointment!;
        var zone = await db.ZoneAsync(ct);
        var newStart = target.Start;
        if (patch.Start is not null)
        {
            var (start, refusal) = Wire.ParseStart(patch.Start, zone);
            if (refusal is not null)
            {
                return (null, refusal);
            }

            newStart = start!.Value;
        }

        if (patch.Scope is not (null or "this" or Following))
        {
            return (null, Refusal.Invalid("scope", "Scope is this or following."));
        }

        var occurrences = patch.Scope == Following && target.SeriesId is { } seriesId
            ? await db.Appointments.Where(a => a.SeriesId == seriesId && a.Date >= target.Date && a.Status == AppointmentStatus.Scheduled)
                .ToListAsync(ct)
            : [target];
        if (!occurrences.Contains(target))
        {
            occurrences.Add(target);
        }

        // Each occurrence moves by as many days as this one, to this one's new time of day; with no
        // new start given, every occurrence keeps its own time.
        var days = Period.Between(target.Date, newStart.Date, PeriodUnits.Days).Days;
        var refusals = new List<Refusal>();
        foreach (var occurrence in occurrences)
        {
            var start = patch.Start is null ? occurrence.Start : occurrence.Date.PlusDays(days) + newStart.TimeOfDay;
            var slot = new SessionSlot(start,
                patch.DurationMinutes ?? occurrence.DurationMinutes,
                patch.Location is null ? occurrence.Location : patch.Location);
            refusals.AddRange(occurrence.Reschedule(slot, zone).Refusals ?? []);
            if (patch.Memo is not null)
            {
                occurrence.ChangeMemo(patch.Memo);
            }
        }

        if (refusals.Count > 0)
        {
            return (null, Outcome.From([.. refusals.DistinctBy(r => r.Message)]));
        }

        return await SaveAsync(id, [.. occurrences.Select(o => o.Id)], zone, ct);
    }

    public async Task<(AppointmentDto? Saved, Outcome Outcome)> CancelAsync(string id, string? ifMatch, CancellationToken ct)
    {
        var appointment = await FindAsync(id, ifMatch, ct);
        if (appointment.Refusal is not null)
        {
            return (null, appointment.Refusal);
        }

        var outcome = appointment.Appointment!.Cancel();
        if (!outcome.Succeeded)
        {
            return (null, outcome);
        }

        return await SaveAsync(id, [id], await db.ZoneAsync(ct), ct);
    }

    private async Task<(Appointment? Appointment, Refusal? Refusal)> FindAsync(string id, string? ifMatch, CancellationToken ct)
    {
        var appointment = await (await caseloads.AppointmentsAsync(ct)).Include(a => a.Invitees).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (appointment is null)
        {
            return (null, new Refusal("not-found", "No such appointment."));
        }

        if (await caseloads.MayActForAsync(appointment.ClinicianId, ct) is { } notAllowed)
        {
            return (null, notAllowed);
        }

        if (ifMatch is not null && ifMatch != "*" && ifMatch != Wire.ETag(appointment.Version))
        {
            return (null, new Refusal("precondition-failed", "The appointment was changed since you loaded it. Reload and try again."));
        }

        return (appointment, null);
    }

    /// <summary>Saves the change, then moves or cancels the reminders of every appointment it touched (rule 10).</summary>
    private async Task<(AppointmentDto? Saved, Outcome Outcome)> SaveAsync(string id, List<string> changed, DateTimeZone zone, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, new Refusal("concurrent-change", "Someone else changed this appointment at the same moment. Reload and try again."));
        }

        db.ChangeTracker.Clear();
        await reminders.SyncAsync(changed, ct);

        return ((await feed.FindAsync(id, ct))!.ToDto(zone), Outcome.Done);
    }
}
