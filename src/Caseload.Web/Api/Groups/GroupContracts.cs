using Caseload.Domain;
using Caseload.Domain.Groups;
using Caseload.Web.Features.Groups;

namespace Caseload.Web.Api.Groups;

/// <summary>Self-booking as the API sends it: on or off, and the seats of each session.</summary>
public sealed record SelfBookingDto(bool Enabled, int? Capacity)
{
    public SelfBooking ToSelfBooking() => new(Enabled, Capacity);

    public static SelfBookingDto From(SelfBooking s) => new(s.Enabled, s.Capacity);
}

/// <param name="ClientTitle">What clients see the group called (at most 100 characters); none for the neutral "Group session".</param>
/// <param name="SelfBooking">Left out: off for a new group, unchanged for an existing one.</param>
public sealed record GroupInput(string? Name, string? ClinicianId, string? ServiceCode, int? Capacity, string? ClientTitle = null, SelfBookingDto? SelfBooking = null)
{
    public CreateGroupCommand ToCreate() => new(ClinicianId, Name ?? "", ServiceCode, Capacity, ClientTitle, SelfBooking?.ToSelfBooking());

    public ChangeGroupCommand ToChange(string groupId) => new(groupId, Name ?? "", ServiceCode, Capacity, ClientTitle, SelfBooking?.ToSelfBooking());
}

/// <summary>The body of <c>POST /api/v1/groups/{id}/eligible</c>.</summary>
public sealed record EligibleInput(string? ClientId);

/// <summary>A client who may book the group's sessions themselves.</summary>
public sealed record EligibleDto(string ClientId, string FirstName, string LastName, string MarkedOn)
{
    public static EligibleDto From(EligibleView e) => new(e.ClientId, e.FirstName, e.LastName, Wire.Date(e.MarkedOn));

    public static List<EligibleDto> ListOf(GroupView g) => [.. g.Eligible.Select(From)];
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
    IReadOnlyList<StayDto> History,
    SelfBookingDto SelfBooking,
    IReadOnlyList<EligibleDto> Eligible)
{
    public static GroupDto From(GroupView g) => new(
        g.Id, g.Name, g.ClinicianId, g.ServiceCode, g.Capacity, g.ClientTitle, g.Archived,
        [.. g.Members.Select(m => new MemberDto(m.ClientId, Wire.Date(m.JoinedOn), m.FirstName, m.LastName))],
        [.. g.History.Select(s => new StayDto(s.ClientId, Wire.Date(s.JoinedOn), s.LeftOn is { } left ? Wire.Date(left) : null))],
        SelfBookingDto.From(g.SelfBooking),
        EligibleDto.ListOf(g));
}

public sealed record GroupSummary(
    string Id, string Name, string ClinicianId, string ServiceCode, int? Capacity, string? ClientTitle, bool Archived, int MemberCount)
{
    public static GroupSummary From(GroupListing g) => new(g.Id, g.Name, g.ClinicianId, g.ServiceCode, g.Capacity, g.ClientTitle, g.Archived, g.MemberCount);
}
