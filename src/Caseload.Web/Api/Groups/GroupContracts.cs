using Caseload.Domain;
using Caseload.Web.Features.Groups;

namespace Caseload.Web.Api.Groups;

/// <param name="ClientTitle">What clients see the group called (at most 100 characters); none for the neutral "Group session".</param>
public sealed record GroupInput(string? Name, string? ClinicianId, string? ServiceCode, int? Capacity, string? ClientTitle = null)
{
    public CreateGroupCommand ToCreate() => new(ClinicianId, Name ?? "", ServiceCode, Capacity, ClientTitle);

    public ChangeGroupCommand ToChange(string groupId) => new(groupId, Name ?? "", ServiceCode, Capacity, ClientTitle);
}

/// <summary>One client (<c>clientId</c>) or several at once (<c>clientIds</c>), not both.</summary>
public sealed record MemberInput(string? ClientId, IReadOnlyList<string?>? ClientIds)
{
    public Outcome<AddGroupMemberCommand> ToCommand(string groupId) => (ClientId, ClientIds) switch
    {
        ({ }, { }) => Refusal.Invalid("clientIds", "Send clientId or clientIds, not both."),
        (_, { } several) => new AddGroupMemberCommand(groupId, several),
        _ => new AddGroupMemberCommand(groupId, ClientId),
    };
}

public sealed record MemberDto(string ClientId, string JoinedOn, string FirstName, string LastName);

public sealed record StayDto(string ClientId, string JoinedOn, string? LeftOn);

/// <summary>The group as the pinned API reads it: current members, and every stay ever.</summary>
public sealed record GroupDto(
    string Id,
    string Name,
    string ClinicianId,
    string ServiceCode,
    int? Capacity,
    string? ClientTitle,
    bool Archived,
    IReadOnlyList<MemberDto> Members,
    IReadOnlyList<StayDto> History)
{
    public static GroupDto From(GroupView g) => new(
        g.Id, g.Name, g.ClinicianId, g.ServiceCode, g.Capacity, g.ClientTitle, g.Archived,
        [.. g.Members.Select(m => new MemberDto(m.ClientId, Wire.Date(m.JoinedOn), m.FirstName, m.LastName))],
        [.. g.History.Select(s => new StayDto(s.ClientId, Wire.Date(s.JoinedOn), s.LeftOn is { } left ? Wire.Date(left) : null))]);
}

public sealed record GroupSummary(
    string Id, string Name, string ClinicianId, string ServiceCode, int? Capacity, string? ClientTitle, bool Archived, int MemberCount)
{
    public static GroupSummary From(GroupListing g) => new(g.Id, g.Name, g.ClinicianId, g.ServiceCode, g.Capacity, g.ClientTitle, g.Archived, g.MemberCount);
}
