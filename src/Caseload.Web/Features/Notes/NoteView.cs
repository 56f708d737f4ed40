using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using NodaTime;

namespace Caseload.Web.Features.Notes;

/// <summary>A note as its clinician and administrators read it: every member's section with their name, times in the practice zone.</summary>
[FeatureApi]
public sealed record NoteView(string AppointmentId, NoteStatus Status, SharedSection Shared, IReadOnlyList<MemberView> Members,
    string? SignedBy, ZonedDateTime? SignedAt, IReadOnlyList<AddendumView> Addenda, int Version)
{
    public static NoteView Of(SessionNote note, IReadOnlyDictionary<string, string> names, DateTimeZone zone) => new(
        note.AppointmentId, note.Status, note.Shared,
        [.. note.Members.Select(m => new MemberView(m, names.GetValueOrDefault(m.ClientId)))],
        note.SignedBy, note.SignedAt?.InZone(zone),
        [.. note.Addenda.Select(a => AddendumView.Of(a, zone))], note.Version);

    /// <summary>Nothing written yet: a template or the previous session's note may start it.</summary>
    public bool IsBlank => new[] { Shared.Topic, Shared.Interventions, Shared.GroupProcess }.All(string.IsNullOrWhiteSpace)
        && Members.All(m => m.Section.IsBlank);

    /// <summary>A member's attendance as the latest correction left it (rule 13), or null when it stands as signed.</summary>
    public InviteeStatus? CorrectedAttendance(string clientId) =>
        Addenda.LastOrDefault(a => a.ClientId == clientId && a.Correction is not null)?.Correction?.To;
}

public sealed record MemberView(MemberSection Section, string? Name)
{
    public string ClientId => Section.ClientId;
}

/// <param name="Text">What the note shows: for a correction of attendance, what changed and then why.</param>
/// <param name="Written">What the author wrote: the why of a correction.</param>
/// <param name="Correction">What a correction of attendance changed (rule 13), or null for an addendum of text alone.</param>
[FeatureApi]
public sealed record AddendumView(string Text, string Author, ZonedDateTime At, string? ClientId, string Written, AttendanceCorrection? Correction)
{
    public static AddendumView Of(Addendum addendum, DateTimeZone zone) => new(addendum.Shown, addendum.Author, addendum.At.InZone(zone), addendum.ClientId,
        addendum.Text,
        addendum.CorrectedTo is { } to ? new AttendanceCorrection(addendum.CorrectedFrom ?? InviteeStatus.Invited, to, addendum.MissedCharge) : null);
}

/// <summary>A member's attendance as it was signed and as an addendum corrected it, with the missed-session charge it set.</summary>
public sealed record AttendanceCorrection(InviteeStatus From, InviteeStatus To, decimal? Charge);

/// <summary>One client's view of a note: the shared section and their own section only.</summary>
[FeatureApi]
public sealed record ChartNote(string AppointmentId, LocalDateTime Start, string Title, NoteStatus NoteStatus, SharedSection Shared, MemberSection Own,
    string? SignedBy, ZonedDateTime? SignedAt, IReadOnlyList<AddendumView> Addenda)
{
    /// <summary>"draft" or "signed", as the chart shows it.</summary>
    public string Status => NoteStatus == NoteStatus.Signed ? "signed" : "draft";
}
