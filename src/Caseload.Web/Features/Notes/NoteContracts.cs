using Caseload.Web.Api;
using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using Caseload.Web.Features.Scheduling;
using NodaTime;

namespace Caseload.Web.Features.Notes;

public sealed record SharedDto(string? Topic, string? Interventions, string? GroupProcess, int? SessionMinutes);

public sealed record MemberDto(string ClientId, string? Name, string? Attendance, string? Participation, string? Progress, string? MoodAffect,
    string? Risk, string? RiskDetail, string? Plan);

public sealed record AddendumDto(string Text, string Author, string At, string? ClientId = null);

/// <summary>A note as the pinned API reads it. <c>members</c> holds every invitee's section; only the note's clinician and administrators read it.</summary>
public sealed record NoteDto(string AppointmentId, string Status, SharedDto Shared, IReadOnlyList<MemberDto> Members, string? SignedBy, string? SignedAt,
    IReadOnlyList<AddendumDto> Addenda)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public int Version { get; init; }

    public static NoteDto From(SessionNote n, IReadOnlyDictionary<string, string> names, DateTimeZone zone) => new(
        n.AppointmentId, StatusOf(n.Status),
        new SharedDto(n.Shared.Topic, n.Shared.Interventions, n.Shared.GroupProcess, n.Shared.SessionMinutes),
        [.. n.Members.Select(m => ToDto(m, names.GetValueOrDefault(m.ClientId)))],
        n.SignedBy, n.SignedAt is { } at ? Wire.Time(at, zone) : null,
        [.. n.Addenda.Select(a => new AddendumDto(a.Text, a.Author, Wire.Time(a.At, zone), a.ClientId))]) { Version = n.Version };

    public static MemberDto ToDto(MemberSection m, string? name) => new(m.ClientId, name, Wire.Status(m.Attendance), m.Participation, m.Progress,
        m.MoodAffect, m.Risk.ToString().ToLowerInvariant(), m.RiskDetail, m.Plan);

    public static string StatusOf(NoteStatus status) => status == NoteStatus.Signed ? "signed" : "draft";
}

/// <summary>What a draft save sends: the shared section and members' sections (attendance comes from the appointment).</summary>
public sealed record NoteInput(SharedDto? Shared, IReadOnlyList<MemberDto>? Members)
{
    public (SharedSection Shared, List<MemberSection> Members, string? BadRisk) ToSections()
    {
        var shared = Shared is null ? SharedSection.Empty : new SharedSection(Shared.Topic, Shared.Interventions, Shared.GroupProcess, Shared.SessionMinutes);
        var members = new List<MemberSection>();
        foreach (var m in Members ?? [])
        {
            if (!Enum.TryParse<Risk>(string.IsNullOrEmpty(m.Risk) ? "none" : m.Risk, ignoreCase: true, out var risk) || !Enum.IsDefined(risk))
            {
                return (shared, members, m.ClientId);
            }

            members.Add(new MemberSection(m.ClientId, InviteeStatus.Invited, m.Participation, m.Progress, m.MoodAffect, risk, m.RiskDetail, m.Plan));
        }

        return (shared, members, null);
    }
}

/// <param name="ClientId">The member the addendum is about, if only one: it then appears on that member's chart alone.</param>
public sealed record AddendumInput(string? Text, string? ClientId = null);

/// <summary>One client's view of a note: the shared section and their own section only.</summary>
public sealed record ChartNote(string AppointmentId, LocalDateTime Start, string Title, string Status, SharedDto Shared, MemberDto Own,
    string? SignedBy, string? SignedAt, IReadOnlyList<AddendumDto> Addenda);
