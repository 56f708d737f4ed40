using Caseload.Web.Data;
using Caseload.Web.Features.Search;
using NodaTime;

namespace Caseload.Web.Api.Search;

public sealed record FoundClientDto(string Id, string FirstName, string LastName, string DateOfBirth, string ClinicianId, bool Active)
{
    public static FoundClientDto From(FoundClient c) => new(c.Id, c.FirstName, c.LastName, Wire.Date(c.DateOfBirth), c.ClinicianId, !c.Discharged);
}

public sealed record FoundGroupDto(string Id, string Name, string ClinicianId, bool Archived, int Members);

public sealed record FoundAppointmentDto(
    string Id, string Kind, string ClinicianId, string Start, string End, string LocalDate, string Status, string Title, IReadOnlyList<FoundClientDto> Clients);

/// <summary>What <c>GET /api/v1/search</c> answers: at most <see cref="FindAnything.Limit"/> of each kind.</summary>
public sealed record SearchResultsDto(IReadOnlyList<FoundClientDto> Clients, IReadOnlyList<FoundGroupDto> Groups, IReadOnlyList<FoundAppointmentDto> Appointments)
{
    public static SearchResultsDto From(SearchResults r, DateTimeZone zone) => new(
        [.. r.Clients.Select(FoundClientDto.From)],
        [.. r.Groups.Select(g => new FoundGroupDto(g.Id, g.Name, g.ClinicianId, g.Archived, g.Members))],
        [.. r.Appointments.Select(a => new FoundAppointmentDto(a.Id, Wire.Kind(a.Kind), a.ClinicianId, Wire.Time(a.StartsAt, zone),
            Wire.Time(a.EndsAt, zone), Wire.Date(a.Start.Date), Wire.Status(a.Status), a.Title, [.. a.Clients.Select(FoundClientDto.From)]))]);
}

internal static class SearchEndpoints
{
    public static void MapSearch(this RouteGroupBuilder api) =>
        api.MapGet("/search", async (string? q, FindAnything find, CaseloadDbContext db, CancellationToken ct) =>
            {
                var outcome = await find.HandleAsync(new SearchCommand(q), ct);
                var zone = await db.ZoneAsync(ct);
                return Problems.Ok(outcome, r => SearchResultsDto.From(r, zone));
            })
            .WithTags("Search");
}
