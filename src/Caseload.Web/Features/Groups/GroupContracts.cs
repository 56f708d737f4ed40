using Caseload.Domain.Groups;
using NodaTime.Text;

namespace Caseload.Web.Features.Groups;

public sealed record GroupInput(string? Name, string? ClinicianId, string? ServiceCode, int? Capacity);

public sealed record MemberInput(string? ClientId);

public sealed record MemberDto(string ClientId, string JoinedOn, string FirstName, string LastName);

public sealed record StayDto(string ClientId, string JoinedOn, string? LeftOn);

/// <summary>The group as the pinned API reads it: current members, and every stay ever.</summary>
public sealed record GroupDto(
    string Id,
    string Name,
    string ClinicianId,
    string ServiceCode,
    int? Capacity,
    bool Archived,
    IReadOnlyList<MemberDto> Members,
    IReadOnlyList<StayDto> History)
{
    public static GroupDto From(Group g, IReadOnlyDictionary<string, (string First, string Last)> names) => new(
        g.Id, g.Name, g.ClinicianId, g.ServiceCode, g.Capacity, g.IsArchived,
        [.. g.CurrentMembers.OrderBy(m => names[m.ClientId].Last).ThenBy(m => names[m.ClientId].First)
            .Select(m => new MemberDto(m.ClientId, Iso(m.JoinedOn), names[m.ClientId].First, names[m.ClientId].Last))],
        [.. g.Memberships.OrderBy(m => m.JoinedOn).Select(m => new StayDto(m.ClientId, Iso(m.JoinedOn), m.LeftOn is { } left ? Iso(left) : null))]);

    private static string Iso(NodaTime.LocalDate date) => LocalDatePattern.Iso.Format(date);
}
