using Caseload.Domain;
using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using Caseload.Web.Features.Notes;

namespace Caseload.Web.Api.Notes;

public sealed record SharedDto(string? Topic, string? Interventions, string? GroupProcess, int? SessionMinutes)
{
    public static SharedDto From(SharedSection s) => new(s.Topic, s.Interventions, s.GroupProcess, s.SessionMinutes);
}

public sealed record MemberDto(string ClientId, string? Name, string? Attendance, string? Participation, string? Progress, string? MoodAffect,
    string? Risk, string? RiskDetail, string? Plan)
{
    public static MemberDto From(MemberSection m, string? name) => new(m.ClientId, name, Wire.Status(m.Attendance), m.Participation, m.Progress,
        m.MoodAffect, m.Risk.ToString().ToLowerInvariant(), m.RiskDetail, m.Plan);
}

/// <param name="Correction">Set on an addendum that corrected the member's attendance (rule 13).</param>
public sealed record AddendumDto(string Text, string Author, string At, string? ClientId = null, CorrectionDto? Correction = null)
{
    public static AddendumDto From(AddendumView a) => new(a.Written, a.Author, Wire.Time(a.At.ToInstant(), a.At.Zone), a.ClientId,
        a.Correction is { } c ? new CorrectionDto(Wire.Status(c.From), Wire.Status(c.To), c.Charge) : null);
}

/// <summary>A correction of attendance: <c>from</c> and <c>to</c> are invitee statuses; <c>charge</c> is the missed-session charge of a correction to missed.</summary>
public sealed record CorrectionDto(string From, string To, decimal? Charge);

/// <summary>A note as the pinned API reads it. <c>members</c> holds every invitee's section; only the note's clinician and administrators read it.</summary>
public sealed record NoteDto(string AppointmentId, string Status, SharedDto Shared, IReadOnlyList<MemberDto> Members, string? SignedBy, string? SignedAt,
    IReadOnlyList<AddendumDto> Addenda)
{
    public static NoteDto From(NoteView n) => new(
        n.AppointmentId, StatusOf(n.Status), SharedDto.From(n.Shared),
        [.. n.Members.Select(m => MemberDto.From(m.Section, m.Name))],
        n.SignedBy, n.SignedAt is { } at ? Wire.Time(at.ToInstant(), at.Zone) : null,
        [.. n.Addenda.Select(AddendumDto.From)]);

    public static string StatusOf(NoteStatus status) => status == NoteStatus.Signed ? "signed" : "draft";
}

/// <summary>What a draft save sends: the shared section and members' sections (attendance comes from the appointment).</summary>
public sealed record NoteInput(SharedDto? Shared, IReadOnlyList<MemberDto>? Members)
{
    /// <summary>The draft as a command; refused, naming <c>members.risk</c>, when a risk is not one of the four.</summary>
    public Outcome<SaveNoteDraftCommand> ToCommand(string appointmentId, int? expectedVersion)
    {
        var shared = Shared is null ? SharedSection.Empty : new SharedSection(Shared.Topic, Shared.Interventions, Shared.GroupProcess, Shared.SessionMinutes);
        var members = new List<MemberSection>();
        foreach (var m in Members ?? [])
        {
            var risk = Risks.Parse(m.Risk);
            if (!risk.Succeeded)
            {
                return risk.AsOutcome;
            }

            members.Add(new MemberSection(m.ClientId, InviteeStatus.Invited, m.Participation, m.Progress, m.MoodAffect, risk.Value, m.RiskDetail, m.Plan));
        }

        return new SaveNoteDraftCommand(appointmentId, shared, members, expectedVersion);
    }
}

/// <param name="ClientId">The member the addendum is about, if only one: it then appears on that member's chart alone.</param>
/// <param name="Attendance"><c>attended</c> or <c>missed</c>: corrects that member's attendance after signing (rule 13); <c>text</c> says why.</param>
/// <param name="Charge">For a correction to <c>missed</c>: the missed-session charge (0.00 for none); left out, the client's or the practice's fee.</param>
public sealed record AddendumInput(string? Text, string? ClientId = null, string? Attendance = null, decimal? Charge = null)
{
    public Outcome<AddAddendumCommand> ToCommand(string appointmentId, int? expectedVersion)
    {
        if (Attendance is not (null or "attended" or "missed"))
        {
            return Refusal.Invalid("attendance", "A correction of attendance is attended or missed.");
        }

        InviteeStatus? attendance = Attendance switch { "attended" => InviteeStatus.Attended, "missed" => InviteeStatus.Missed, _ => null };
        if (attendance is not null && string.IsNullOrEmpty(ClientId))
        {
            return Refusal.Invalid("clientId", "Name the member whose attendance is corrected.");
        }

        return new AddAddendumCommand(appointmentId, Text, ClientId, expectedVersion, attendance, Charge);
    }
}

/// <summary>Which practice template starts an empty draft.</summary>
public sealed record FromTemplateInput(string? TemplateId);
