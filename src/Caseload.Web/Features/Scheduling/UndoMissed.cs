using Caseload.Domain;
using Caseload.Web.Data;

namespace Caseload.Web.Features.Scheduling;

public sealed record UndoMissedCommand(string AppointmentId, string ClientId);

/// <summary>
/// Undoes a missed mark while no payment was taken on the missed-session invoice; the session's invoice comes back.
/// Once the session's note is signed, only a correction by addendum may do this (rule 13).
/// </summary>
public sealed class UndoMissed(CaseloadDbContext db, AppointmentChanges changes, AttendanceChanges attendance, Clock clock)
{
    public async Task<Outcome> HandleAsync(UndoMissedCommand command, CancellationToken ct)
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

        var today = await db.TodayAsync(clock, ct);
        if (await attendance.MayUndoMissedAsync(id, clientId, ct) is { } paid)
        {
            return paid;
        }

        var outcome = appointment.UndoMissed(clientId);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await attendance.BillNoLongerMissedAsync(appointment, clientId, today, "The missed mark was undone.", ct);
        await changes.SaveWithHistoryAsync(appointment, $"Undid the missed mark of {await changes.NameAsync(clientId, ct)}.", ct);
        await transaction.CommitAsync(ct);
        return Outcome.Done;
    }
}
