using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;

namespace Caseload.Web.Features.Notes;

public sealed record SignNoteCommand(string AppointmentId, int? ExpectedVersion);

/// <summary>
/// Signs and locks a complete note in the signer's name; afterwards it is corrected only by addenda. An incomplete
/// note is refused with a summary and one refusal per empty field, each naming the member whose field it is.
/// </summary>
public sealed class SignNote(CaseloadDbContext db, SessionNotes notes, CurrentStaff staff, Clock clock)
{
    public async Task<Outcome<NoteView>> HandleAsync(SignNoteCommand command, CancellationToken ct)
    {
        var appointment = await notes.AppointmentAsync(command.AppointmentId, ct);
        if (!appointment.Succeeded)
        {
            return appointment.AsOutcome;
        }

        var names = await notes.NamesAsync(appointment.Value, ct);
        return await notes.ChangeAsync(command.AppointmentId, command.ExpectedVersion, note =>
        {
            var signed = note.Sign(staff.DisplayName, clock.Now, id => names.GetValueOrDefault(id, "a member"));
            if (signed.Succeeded)
            {
                db.Appointments.Attach(appointment.Value);
                appointment.Value.SealAttendance();
            }

            return signed;
        }, ct);
    }
}
