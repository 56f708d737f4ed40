using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;

namespace Caseload.Web.Features.Scheduling;

/// <param name="Charge">Null for the default: the client's missed-session fee, else the practice's.</param>
public sealed record MarkInviteeMissedCommand(string AppointmentId, string ClientId, string? Reason, decimal? Charge);

/// <summary>
/// Rule 7. From the session's day on, a client who did not come is marked missed. The session's
/// invoice is voided; a charge above 0.00 becomes a missed-session invoice billed to the client alone.
/// Once the session's note is signed, only a correction by addendum may do this (rule 13).
/// </summary>
public sealed class MarkInviteeMissed(
    CaseloadDbContext db, AppointmentChanges changes, AttendanceChanges attendance, MissedNotes notes, CurrentStaff staff, Clock clock)
{
    public async Task<Outcome<MissedNote>> HandleAsync(MarkInviteeMissedCommand command, CancellationToken ct)
    {
        var loaded = await changes.LoadAsync(command.AppointmentId, expectedVersion: null, ct);
        if (!loaded.Succeeded)
        {
            return loaded.AsOutcome;
        }

        var (appointment, id, clientId) = (loaded.Value, command.AppointmentId, command.ClientId);
        if (await attendance.SignedNoteRefusalAsync(id, ct) is { } signed)
        {
            return signed;
        }

        var practice = await db.PracticeAsync(ct);
        var today = practice.Today(clock.Now);
        var charge = command.Charge ?? await attendance.DefaultChargeAsync(clientId, practice, ct);
        if (await attendance.MayMarkMissedAsync(id, clientId, ct) is { } paid)
        {
            return paid;
        }

        var outcome = appointment.MarkMissed(clientId, command.Reason, charge, staff.Author, today, clock.Now);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await attendance.BillMissedAsync(appointment, clientId, charge, today, ct);
        await changes.SaveWithHistoryAsync(appointment,
            $"Marked {await changes.NameAsync(clientId, ct)} missed: {command.Reason?.Trim()} (charge {charge:0.00}).", ct);
        await transaction.CommitAsync(ct);
        return (await notes.OfAppointmentAsync(id, ct))[clientId];
    }
}
