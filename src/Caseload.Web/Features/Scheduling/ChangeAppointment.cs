using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Scheduling;

/// <summary>Which appointments of a series a change reaches.</summary>
[FeatureApi]
public enum ChangeScope
{
    This,

    /// <summary>This occurrence and the later scheduled ones of its series.</summary>
    Following,
}

/// <summary>Changes to one appointment; what is null stays as it is. An empty location or memo clears it.</summary>
/// <param name="Start">The new wall-clock start in the practice zone.</param>
/// <param name="ExpectedVersion">The version the person last saw, or null to take any.</param>
[FeatureApi]
public sealed record ChangeAppointmentCommand(
    string Id,
    LocalDateTime? Start,
    int? DurationMinutes,
    string? Location,
    string? Memo,
    ChangeScope Scope,
    int? ExpectedVersion);

/// <summary>Edits of a saved appointment: move, resize, room, memo. Each occurrence of a series is its own row.</summary>
[FeatureApi]
public sealed class ChangeAppointment(CaseloadDbContext db, AppointmentChanges changes)
{
    public async Task<Outcome<AppointmentView>> HandleAsync(ChangeAppointmentCommand command, CancellationToken ct)
    {
        var loaded = await changes.LoadAsync(command.Id, command.ExpectedVersion, ct);
        if (!loaded.Succeeded)
        {
            return loaded.AsOutcome;
        }

        var target = loaded.Value;
        var zone = await db.ZoneAsync(ct);
        var newStart = command.Start ?? target.Start;
        var occurrences = command.Scope == ChangeScope.Following && target.SeriesId is { } seriesId
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
            var start = command.Start is null ? occurrence.Start : occurrence.Date.PlusDays(days) + newStart.TimeOfDay;
            var slot = new SessionSlot(start,
                command.DurationMinutes ?? occurrence.DurationMinutes,
                command.Location is null ? occurrence.Location : command.Location);
            refusals.AddRange(occurrence.Reschedule(slot, zone).Refusals ?? []);
            if (command.Memo is not null)
            {
                refusals.AddRange(occurrence.ChangeMemo(command.Memo).Refusals ?? []);
            }
        }

        if (refusals.Count > 0)
        {
            return Outcome.From([.. refusals.DistinctBy(r => r.Message)]);
        }

        return await changes.SaveAsync(command.Id, [.. occurrences.Select(o => o.Id)], ct);
    }
}
