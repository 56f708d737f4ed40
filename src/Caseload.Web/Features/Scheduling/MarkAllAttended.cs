using Caseload.Domain;
using Caseload.Web.Data;

namespace Caseload.Web.Features.Scheduling;

public sealed record MarkAllAttendedCommand(string AppointmentId);

/// <summary>
/// Attendance in one step: from the session's day on, every invitee still invited is marked attended, and the
/// exceptions are marked after. Refused once the session's note is signed (rule 13).
/// </summary>
public sealed class MarkAllAttended(CaseloadDbContext db, AppointmentChanges changes, AttendanceChanges attendance, AppointmentFeed feed, Clock clock)
{
    public async Task<Outcome<AppointmentView>> HandleAsync(MarkAllAttendedCommand command, CancellationToken ct)
    {
        var loaded = await changes.LoadAsync(command.AppointmentId, expectedVersion: null, ct);
        if (!loaded.Succeeded)
        {
            return loaded.AsOutcome;
        }

        if (await attendance.SignedNoteRefusalAsync(command.AppointmentId, ct) is { } signed)
        {
            return signed;
        }

        var appointment = loaded.Value;
        var marked = appointment.MarkAllAttended(await db.TodayAsync(clock, ct));
        if (!marked.Succeeded)
        {
            return marked.AsOutcome;
        }

        if (marked.Value.Length > 0)
        {
            var names = await changes.NamesAsync(marked.Value, ct);
            await changes.SaveWithHistoryAsync(appointment, $"Marked everyone still invited as attended: {string.Join(", ", names)}.", ct);
        }

        return (await feed.FindAsync(command.AppointmentId, ct))!;
    }
}
