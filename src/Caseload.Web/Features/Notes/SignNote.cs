using Caseload.Domain;
using Caseload.Web.Auth;

namespace Caseload.Web.Features.Notes;

public sealed record SignNoteCommand(string AppointmentId, int? ExpectedVersion);

/// <summary>Signs and locks a complete note in the signer's name; afterwards it is corrected only by addenda.</summary>
public sealed class SignNote(SessionNotes notes, CurrentStaff staff, Clock clock)
{
    public Task<Outcome<NoteView>> HandleAsync(SignNoteCommand command, CancellationToken ct) =>
        notes.ChangeAsync(command.AppointmentId, command.ExpectedVersion, note => note.Sign(staff.DisplayName, clock.Now), ct);
}
