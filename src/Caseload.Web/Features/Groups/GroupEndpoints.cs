using Caseload.Domain;
using Caseload.Web.Api;
using Caseload.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Groups;

public sealed record GroupSummary(string Id, string Name, string ClinicianId, string ServiceCode, int? Capacity, bool Archived, int MemberCount);

internal static class GroupEndpoints
{
    public static void MapGroups(this RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/groups").WithTags("Groups")
            .RequireAuthorization(p => p.RequireRole(Roles.Administrator, Roles.Scheduler, Roles.Clinician));

        groups.MapGet("/", async (string? clinicianId, bool? archived, Caseloads caseloads, CancellationToken ct) =>
        {
            var query = (await caseloads.GroupsAsync(ct)).AsNoTracking().Where(g => g.IsArchived == (archived ?? false));
            if (!string.IsNullOrEmpty(clinicianId))
            {
                query = query.Where(g => g.ClinicianId == clinicianId);
            }

            return await query.OrderBy(g => g.Name)
                .Select(g => new GroupSummary(g.Id, g.Name, g.ClinicianId, g.ServiceCode, g.Capacity, g.IsArchived,
                    g.Memberships.Count(m => m.LeftOn == null)))
                .ToListAsync(ct);
        });

        groups.MapGet("/{id}", async (string id, GroupWork work, CancellationToken ct) =>
            await work.FindAsync(id, ct) is { } group ? Results.Ok(group) : Problems.NotFound());

        groups.MapPost("/", async (GroupInput input, GroupWork work, CancellationToken ct) =>
        {
            var (group, outcome) = await work.CreateAsync(input, ct);
            return outcome.Succeeded ? Results.Created($"/api/v1/groups/{group!.Id}", group) : Problems.For(outcome);
        });

        groups.MapPut("/{id}", async (string id, GroupInput input, GroupWork work, CancellationToken ct) =>
            Answer(await work.ChangeAsync(id, input, ct)));

        groups.MapPost("/{id}/archive", async (string id, GroupWork work, CancellationToken ct) =>
            Answer(await work.SetArchivedAsync(id, true, ct)));

        groups.MapPost("/{id}/restore", async (string id, GroupWork work, CancellationToken ct) =>
            Answer(await work.SetArchivedAsync(id, false, ct)));

        groups.MapPost("/{id}/members", async (string id, MemberInput input, GroupWork work, CancellationToken ct) =>
            Answer(await work.AddMemberAsync(id, input.ClientId, ct)));

        groups.MapDelete("/{id}/members/{clientId}", async (string id, string clientId, GroupWork work, CancellationToken ct) =>
            Answer(await work.RemoveMemberAsync(id, clientId, ct)));
    }

    private static IResult Answer((GroupDto? Group, Outcome Outcome) result) =>
        result.Outcome.Succeeded ? Results.Ok(result.Group) : Problems.For(result.Outcome);
}
