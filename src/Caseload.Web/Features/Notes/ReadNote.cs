using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Notes;

public sealed record ReadNoteCommand(string AppointmentId);

/// <summary>Reads a note's content. Every read is written to the audit trail.</summary>
public sealed class ReadNote(CaseloadDbContext db, SessionNotes notes, AuditTrail audit)
{
    /// <summary>The appointment is there to write a note for, but nobody has saved one yet.</summary>
    public static readonly Refusal NotStarted = Refusal.NotFound("This appointment has no note yet.");

    public async Task<Outcome<NoteView>> HandleAsync(ReadNoteCommand command, CancellationToken ct)
    {
        var appointment = await notes.AppointmentAsync(command.AppointmentId, ct);
        if (!appointment.Succeeded)
        {
            return appointment.AsOutcome;
        }

        var note = await db.Notes.AsNoTracking().FirstOrDefaultAsync(n => n.AppointmentId == command.AppointmentId, ct);
        if (note is null)
        {
            return NotStarted;
        }

        // A group note shows every member's section: one entry for each client whose section was read.
        await audit.ReadAsync(AuditEntities.Note, note.Id, note.Members.Select(m => m.ClientId), ct);
        note.FollowAttendance(appointment.Value);
        return await notes.ViewAsync(note, appointment.Value, ct);
    }
}
