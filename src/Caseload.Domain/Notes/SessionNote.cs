using Caseload.Domain.Scheduling;
using NodaTime;

namespace Caseload.Domain.Notes;

public enum NoteStatus
{
    Draft,
    Signed,
}

public enum Risk
{
    None,
    Low,
    Moderate,
    High,
}

public static class Risks
{
    /// <summary>A risk as a writer names it (<c>none</c>, <c>low</c>, <c>moderate</c>, <c>high</c>, any case); left blank, none.</summary>
    public static Outcome<Risk> Parse(string? text) =>
        Enum.TryParse<Risk>(string.IsNullOrEmpty(text) ? nameof(Risk.None) : text, ignoreCase: true, out var risk) && Enum.IsDefined(risk)
            ? risk
            : Refusal.Invalid("members.risk", "Risk is none, low, moderate or high.");
}

/// <summary>The part of a group note that is about the session itself, the same for every member.</summary>
public sealed record SharedSection(string? Topic, string? Interventions, string? GroupProcess, int? SessionMinutes)
{
    public static readonly SharedSection Empty = new(null, null, null, null);
}

/// <summary>One member's own section. A client's chart shows this and the shared section, never another member's.</summary>
public sealed record MemberSection(
    string ClientId,
    InviteeStatus Attendance,
    string? Participation,
    string? Progress,
    string? MoodAffect,
    Risk Risk,
    string? RiskDetail,
    string? Plan)
{
    public bool Attended => Attendance != InviteeStatus.Missed;

    /// <summary>What a signature needs from this section, as (field, what a person calls it); a member who missed needs nothing (their missed note says why).</summary>
    public IEnumerable<(string Field, string Label)> Missing()
    {
        if (!Attended)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Participation))
        {
            yield return ("participation", "participation");
        }

        if (string.IsNullOrWhiteSpace(Progress))
        {
            yield return ("progress", "progress toward goals");
        }

        if (string.IsNullOrWhiteSpace(MoodAffect))
        {
            yield return ("moodAffect", "mood/affect");
        }

        if (Risk != Risk.None && string.IsNullOrWhiteSpace(RiskDetail))
        {
            yield return ("riskDetail", "risk detail");
        }

        if (string.IsNullOrWhiteSpace(Plan))
        {
            yield return ("plan", "plan");
        }
    }

    /// <summary>Nothing written in it yet (attendance and a risk of none are not writing).</summary>
    public bool IsBlank => new[] { Participation, Progress, MoodAffect, RiskDetail, Plan }.All(string.IsNullOrWhiteSpace) && Risk == Risk.None;

    public static MemberSection Blank(string clientId, InviteeStatus attendance) => new(clientId, attendance, null, null, null, Risk.None, null, null);
}

/// <summary>
/// Text added to a signed note: the note itself never changes, corrections are appended, signed and
/// timestamped. One about a single member names them, so only that member's chart carries it.
/// </summary>
/// <param name="CorrectedFrom">For a correction of attendance (rule 13): the member's attendance before it, with <paramref name="CorrectedTo"/> after it.</param>
/// <param name="MissedCharge">For a correction to missed: the missed-session charge it set (0.00 for none).</param>
public sealed record Addendum(string Text, string Author, Instant At, string? ClientId = null,
    InviteeStatus? CorrectedFrom = null, InviteeStatus? CorrectedTo = null, decimal? MissedCharge = null)
{
    /// <summary>What the addendum says, as the note shows it: a correction of attendance says what changed, then why.</summary>
    public string Shown => CorrectedTo is { } to
        ? $"Attendance corrected from {Word(CorrectedFrom ?? InviteeStatus.Invited)} to {Word(to)}"
          + (to == InviteeStatus.Missed ? $" (missed-session charge {MissedCharge ?? 0:0.00})" : "") + $". Why: {Text}"
        : Text;

    private static string Word(InviteeStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>
/// Rule 13: once the session's note is signed, attendance is part of the signed record. It changes only through
/// <see cref="SessionNote.CorrectAttendance"/>, so the note and the appointment never tell two stories.
/// </summary>
public static class SignedAttendance
{
    public const string Explanation = "The note is signed; attendance is part of the signed record. A correction is added to the note as an addendum.";

    /// <summary>The refusal of a direct change of attendance (attended, missed, undo) when the session's note is signed, else null.</summary>
    public static Refusal? RefusesDirectChange(NoteStatus? noteStatus) =>
        noteStatus == NoteStatus.Signed ? new Refusal(RefusalCodes.NoteSigned, Explanation) : null;
}

/// <summary>
/// The clinical note of one session (rule 12): a shared section and one section per invitee.
/// A draft is saved as often as the clinician types; signing records signer and time and locks it.
/// </summary>
/// <remarks>
/// Shared and member sections are kept apart, not cloned into each chart, so that each client's
/// record holds their own progress and nobody else's.
/// </remarks>
public sealed class SessionNote
{
    public const int MaxText = TextLimits.NoteText;

    private List<MemberSection> _members = [];
    private List<Addendum> _addenda = [];

    private SessionNote()
    {
    }

    public string Id { get; private set; } = "";

    public string AppointmentId { get; private set; } = "";

    public string ClinicianId { get; private set; } = "";

    public SharedSection Shared { get; private set; } = SharedSection.Empty;

    public IReadOnlyList<MemberSection> Members => _members;

    public IReadOnlyList<Addendum> Addenda => _addenda;

    public NoteStatus Status { get; private set; }

    public string? SignedBy { get; private set; }

    public Instant? SignedAt { get; private set; }

    public Instant UpdatedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>Starts a note for the appointment, one member section per invitee, prefilled from attendance.</summary>
    public static SessionNote Start(Appointment appointment, Instant now) => new()
    {
        Id = Guid.CreateVersion7().ToString("N"),
        AppointmentId = appointment.Id,
        ClinicianId = appointment.ClinicianId,
        Status = NoteStatus.Draft,
        UpdatedAt = now,
        Version = 1,
        _members = [.. appointment.Invitees.Select(i => MemberSection.Blank(i.ClientId, i.Status))],
    };

    /// <summary>Saves the draft. Sections of clients not invited are ignored; attendance always comes from the appointment.</summary>
    public Outcome SaveDraft(SharedSection shared, IReadOnlyList<MemberSection> members, Appointment appointment, Instant now)
    {
        if (Status == NoteStatus.Signed)
        {
            return AlreadySigned();
        }

        var tooLong = new[] { shared.Topic, shared.Interventions, shared.GroupProcess }
            .Concat(members.SelectMany(m => new[] { m.Participation, m.Progress, m.MoodAffect, m.RiskDetail, m.Plan }))
            .Any(t => t?.Length > MaxText);
        if (tooLong || shared.SessionMinutes is < 0 or > 600)
        {
            return Refusal.Invalid("shared", $"Each field holds at most {MaxText} characters; session length 0 to 600 minutes.");
        }

        Shared = shared;
        _members = [.. appointment.Invitees.Select(i =>
            (members.FirstOrDefault(m => m.ClientId == i.ClientId) ?? _members.FirstOrDefault(m => m.ClientId == i.ClientId)
                ?? MemberSection.Blank(i.ClientId, i.Status)) with { Attendance = i.Status })];
        UpdatedAt = now;
        Version++;
        return Outcome.Done;
    }

    /// <summary>Signs and locks the note once the shared section and every attending member's section are complete.</summary>
    /// <param name="memberName">The member's name for a client id, so a refusal says whose section is incomplete (else the id).</param>
    /// <returns>
    /// Refused with one summary (no field) followed by one refusal per empty field, each naming the member:
    /// <c>shared.topic</c>, <c>shared.interventions</c>, <c>members.{clientId}.{field}</c>.
    /// </returns>
    public Outcome Sign(string signer, Instant now, Func<string, string>? memberName = null)
    {
        if (Status == NoteStatus.Signed)
        {
            return AlreadySigned();
        }

        var gaps = new List<Refusal>();
        var summary = new List<string>();
        if (string.IsNullOrWhiteSpace(Shared.Topic))
        {
            gaps.Add(new Refusal(RefusalCodes.NoteIncomplete, "Write the session's topic before signing.", "shared.topic"));
            summary.Add("the session's topic");
        }

        if (string.IsNullOrWhiteSpace(Shared.Interventions))
        {
            gaps.Add(new Refusal(RefusalCodes.NoteIncomplete, "Write the interventions used before signing.", "shared.interventions"));
            summary.Add("the interventions used");
        }

        foreach (var member in _members)
        {
            var name = memberName?.Invoke(member.ClientId) ?? member.ClientId;
            var missing = member.Missing().ToList();
            gaps.AddRange(missing.Select(m => new Refusal(RefusalCodes.NoteIncomplete,
                $"Write the {m.Label} for {name} before signing.", $"members.{member.ClientId}.{m.Field}")));
            if (missing.Count > 0)
            {
                summary.Add($"{string.Join(", ", missing.Select(m => m.Label))} for {name}");
            }
        }

        if (gaps.Count > 0)
        {
            return Outcome.From([new Refusal(RefusalCodes.NoteIncomplete, "Complete before signing: " + string.Join("; ", summary) + "."), .. gaps]);
        }

        Status = NoteStatus.Signed;
        SignedBy = signer;
        SignedAt = now;
        UpdatedAt = now;
        Version++;
        return Outcome.Done;
    }

    /// <summary>Nothing written yet: the shared section's texts and every member's section are empty.</summary>
    public bool IsBlank =>
        new[] { Shared.Topic, Shared.Interventions, Shared.GroupProcess }.All(string.IsNullOrWhiteSpace) && _members.All(m => m.IsBlank);

    /// <summary>
    /// Fills a blank draft with a starting text (a practice template, or the previous session's note); the clinician
    /// then edits it like any draft. Attendance comes from the appointment; members not invited get no section.
    /// </summary>
    /// <remarks>Never over what a clinician already wrote: a start is offered only on an empty draft, so nothing typed is lost.</remarks>
    public Outcome Prefill(SharedSection shared, Func<Invitee, MemberSection?> member, Appointment appointment, Instant now)
    {
        if (Status == NoteStatus.Signed)
        {
            return AlreadySigned();
        }

        if (!IsBlank)
        {
            return new Refusal(RefusalCodes.NoteNotBlank, "This draft already has text. A template or the previous note only starts an empty draft.");
        }

        return SaveDraft(shared with { SessionMinutes = Shared.SessionMinutes ?? shared.SessionMinutes },
            [.. appointment.Invitees.Select(i => (member(i) ?? MemberSection.Blank(i.ClientId, i.Status)) with { ClientId = i.ClientId })],
            appointment, now);
    }

    /// <summary>A draft follows the appointment's attendance; a signed note keeps what it was signed with.</summary>
    public void FollowAttendance(Appointment appointment)
    {
        if (Status == NoteStatus.Draft)
        {
            _members = [.. _members.Select(m => m with
            {
                Attendance = appointment.Invitees.FirstOrDefault(i => i.ClientId == m.ClientId)?.Status ?? m.Attendance,
            })];
        }
    }

    public Outcome AddAddendum(string? text, string author, Instant now, string? clientId = null)
    {
        if (Status != NoteStatus.Signed)
        {
            return new Refusal(RefusalCodes.NoteNotSigned, "A draft is edited directly; addenda are for signed notes.");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxText)
        {
            return Refusal.Invalid("text", $"Write the addendum (at most {MaxText} characters).");
        }

        if (clientId is not null && _members.All(m => m.ClientId != clientId))
        {
            return Refusal.Invalid("clientId", "That client has no section in this note.");
        }

        _addenda.Add(new Addendum(text.Trim(), author, now, clientId));
        UpdatedAt = now;
        Version++;
        return Outcome.Done;
    }

    /// <summary>
    /// Rule 13: corrects a member's attendance after signing. The appointment changes and an addendum records who,
    /// when, what changed (from, to, the charge) and why, in the same step; the signed sections stay as signed.
    /// The billing that follows (voided and new invoices) is the caller's, by the missed-session rules.
    /// </summary>
    /// <param name="why">Required; a correction to missed keeps it as the missed note's reason too.</param>
    /// <param name="charge">The missed-session charge for a correction to missed; ignored otherwise.</param>
    public Outcome CorrectAttendance(Appointment appointment, string? clientId, InviteeStatus to, string? why, decimal charge, string author,
        LocalDate today, Instant now)
    {
        if (Status != NoteStatus.Signed)
        {
            return new Refusal(RefusalCodes.NoteNotSigned, "The note is a draft: mark attendance on the appointment; the draft follows it.");
        }

        if (clientId is null || _members.All(m => m.ClientId != clientId))
        {
            return Refusal.Invalid("clientId", "Name the member whose attendance is corrected.");
        }

        if (string.IsNullOrWhiteSpace(why) || why.Trim().Length > TextLimits.MissedReason)
        {
            return Refusal.Invalid("text", $"Say why the attendance is corrected (at most {TextLimits.MissedReason} characters).");
        }

        var from = appointment.Invitees.FirstOrDefault(i => i.ClientId == clientId)?.Status ?? InviteeStatus.Invited;
        var changed = appointment.Correct(clientId, to, why.Trim(), charge, author, today, now);
        if (!changed.Succeeded)
        {
            return changed;
        }

        _addenda.Add(new Addendum(why.Trim(), author, now, clientId, from, to, to == InviteeStatus.Missed ? charge : null));
        UpdatedAt = now;
        Version++;
        return Outcome.Done;
    }

    private static Refusal AlreadySigned() => new(RefusalCodes.NoteSigned, "This note is signed and can no longer change. Add an addendum instead.");
}
