using Caseload.Domain;
using Caseload.Domain.Notes;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Notes;

/// <param name="Members">Members' sections; their attendance is ignored, it comes from the appointment.</param>
/// <param name="ExpectedVersion">The version the writer last saw, or null to save over whatever is there.</param>
public sealed record SaveNoteDraftCommand(string AppointmentId, SharedSection Shared, IReadOnlyList<MemberSection> Members, int? ExpectedVersion);

/// <summary>Saves the draft, starting the note on the first save. A signed note never changes.</summary>
public sealed class SaveNoteDraft(CaseloadDbContext db, SessionNotes notes, Clock clock)
{
    /// <summary>How often a save without an expected version is made again after meeting another save.</summary>
    public const int MostAttempts = 5;

    /// <summary>
    /// Without an expected version the caller asks for this draft to be kept whatever was saved before it, so a save that
    /// met another at the same moment (often the same person's autosave) is made again over it rather than refused.
    /// Each round of colliding saves lets one of them through, so a few attempts see any realistic crowd through.
    /// </summary>
    public async Task<Outcome<NoteView>> HandleAsync(SaveNoteDraftCommand command, CancellationToken ct)
    {
        var saved = await SaveOnceAsync(command, ct);
        for (var attempt = 1; attempt < MostAttempts && command.ExpectedVersion is null && saved.First?.Code == RefusalCodes.ConcurrentChange; attempt++)
        {
            db.ChangeTracker.Clear();
            saved = await SaveOnceAsync(command, ct);
        }

        return saved;
    }

    private async Task<Outcome<NoteView>> SaveOnceAsync(SaveNoteDraftCommand command, CancellationToken ct)
    {
        var appointment = await notes.AppointmentAsync(command.AppointmentId, ct);
        if (!appointment.Succeeded)
        {
            return appointment.AsOutcome;
        }

        var note = await db.Notes.FirstOrDefaultAsync(n => n.AppointmentId == command.AppointmentId, ct);
        if (note is not null && Versions.Check(command.ExpectedVersion, note.Version, SessionNotes.Stale) is { } stale)
        {
            return stale;
        }

        if (note is null)
        {
            note = SessionNote.Start(appointment.Value, clock.Now);
            db.Notes.Add(note);
        }

        var outcome = note.SaveDraft(command.Shared, command.Members, appointment.Value, clock.Now);
        return outcome.Succeeded ? await notes.SaveAsync(note, appointment.Value, ct) : outcome;
    }
}
