using Caseload.Domain;
using Caseload.Web.Auth;

namespace Caseload.Web.Features.Notes;

/// <param name="ClientId">The member the addendum is about, if only one: it then appears on that member's chart alone.</param>
public sealed record AddAddendumCommand(string AppointmentId, string? Text, string? ClientId, int? ExpectedVersion);

/// <summary>Appends a signed, timestamped correction to a signed note.</summary>
public sealed class AddAddendum(SessionNotes notes, CurrentStaff staff, Clock clock)
{
    public Task<Outcome<NoteView>> HandleAsync(AddAddendumCommand command, CancellationToken ct) =>
        notes.ChangeAsync(command.AppointmentId, command.ExpectedVersion,
            note => note.AddAddendum(command.Text, staff.DisplayName, clock.Now, command.ClientId), ct);
}
