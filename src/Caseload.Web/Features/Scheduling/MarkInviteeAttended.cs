using Caseload.Domain;
using Caseload.Web.Data;

namespace Caseload.Web.Features.Scheduling;

/// <param name="Attended">False takes an attended mark back.</param>
public sealed record MarkInviteeAttendedCommand(string AppointmentId, string ClientId, bool Attended);

/// <summary>
/// From the session's day on, marks a client attended, or takes the mark back; attendance is complete when every
/// invitee is attended or missed. Once the session's note is signed, only a correction by addendum may (rule 13).
/// </summary>
public sealed class MarkInviteeAttended(CaseloadDbContext db, AppointmentChanges changes, AttendanceChanges attendance, Clock clock)
{
    public async Task<Outcome> HandleAsync(MarkInviteeAttendedCommand command, CancellationToken ct)
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
        var outcome = appointment.MarkAttended(command.ClientId, command.Attended, await db.TodayAsync(clock, ct));
        if (outcome.Succeeded)
        {
            await changes.SaveWithHistoryAsync(appointment,
                $"{(command.Attended ? "Marked" : "Unmarked")} {await changes.NameAsync(command.ClientId, ct)} as attended.", ct);
        }

        return outcome;
    }
}
