using Caseload.Domain;
using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Notes;

/// <param name="ClientId">The member the addendum is about, if only one: it then appears on that member's chart alone.</param>
/// <param name="Attendance">With a member named, corrects their attendance to this (attended or missed): rule 13.</param>
/// <param name="Charge">For a correction to missed: the missed-session charge; null for the default, as when marking missed.</param>
[FeatureApi]
public sealed record AddAddendumCommand(string AppointmentId, string? Text, string? ClientId, int? ExpectedVersion,
    InviteeStatus? Attendance = null, decimal? Charge = null);

/// <summary>
/// Appends a signed, timestamped correction to a signed note. A correction of attendance (rule 13) changes the
/// appointment and its invoices in the same transaction as the addendum that records who, when, what and why.
/// </summary>
[FeatureApi]
public sealed class AddAddendum(
    SessionNotes notes, CurrentStaff staff, Clock clock, CaseloadDbContext db, AppointmentChanges changes, AttendanceChanges attendance, AuditTrail audit)
{
    public Task<Outcome<NoteView>> HandleAsync(AddAddendumCommand command, CancellationToken ct) =>
        command.Attendance is { } to
            ? CorrectAttendanceAsync(command, to, ct)
            : notes.ChangeAsync(command.AppointmentId, command.ExpectedVersion,
                note => note.AddAddendum(command.Text, staff.DisplayName, clock.Now, command.ClientId), ct);

    private async Task<Outcome<NoteView>> CorrectAttendanceAsync(AddAddendumCommand command, InviteeStatus to, CancellationToken ct)
    {
        var id = command.AppointmentId;
        var readable = await notes.AppointmentAsync(id, ct);
        if (!readable.Succeeded)
        {
            return readable.AsOutcome;
        }

        var loaded = await changes.LoadAsync(id, expectedVersion: null, ct);
        if (!loaded.Succeeded)
        {
            return loaded.AsOutcome;
        }

        var note = await db.Notes.FirstOrDefaultAsync(n => n.AppointmentId == id, ct);
        if (note is null)
        {
            return ReadNote.NotStarted;
        }

        if (Versions.Check(command.ExpectedVersion, note.Version, SessionNotes.Stale) is { } stale)
        {
            return stale;
        }

        var (appointment, clientId) = (loaded.Value, command.ClientId);
        var from = appointment.Invitees.FirstOrDefault(i => i.ClientId == clientId)?.Status;
        var practice = await db.PracticeAsync(ct);
        var today = practice.Today(clock.Now);
        var charge = to == InviteeStatus.Missed && clientId is not null ? command.Charge ?? await attendance.DefaultChargeAsync(clientId, practice, ct) : 0m;
        if (note.Status == NoteStatus.Signed && clientId is not null && from is not null && from != to)
        {
            var paid = to == InviteeStatus.Missed
                ? await attendance.MayMarkMissedAsync(id, clientId, ct)
                : from == InviteeStatus.Missed ? await attendance.MayUndoMissedAsync(id, clientId, ct) : null;
            if (paid is not null)
            {
                return paid;
            }
        }

        var outcome = note.CorrectAttendance(appointment, clientId, to, command.Text, charge, staff.DisplayName, today, clock.Now);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (to == InviteeStatus.Missed)
        {
            await attendance.BillMissedAsync(appointment, clientId!, charge, today, ct);
        }
        else if (from == InviteeStatus.Missed)
        {
            await attendance.BillNoLongerMissedAsync(appointment, clientId!, today, "The attendance was corrected to attended by an addendum.", ct);
        }

        var billed = to == InviteeStatus.Missed ? $" (charge {charge:0.00})" : "";
        try
        {
            await changes.SaveWithHistoryAsync(appointment,
                $"Corrected the attendance of {await changes.NameAsync(clientId!, ct)} from {Word(from!.Value)} to {Word(to)}{billed} by an addendum to the signed note.", ct);
        }
        catch (DbUpdateException)
        {
            return new Refusal(RefusalCodes.ConcurrentChange, "The note or the appointment was saved elsewhere at the same moment. Reload it first.");
        }

        await audit.RecordAsync(AuditActions.Change, AuditEntities.Note, note.Id, clientId, ct, "attendance corrected by addendum");
        await transaction.CommitAsync(ct);
        return await notes.ViewAsync(note, appointment, ct);
    }

    private static string Word(InviteeStatus status) => status.ToString().ToLowerInvariant();
}
