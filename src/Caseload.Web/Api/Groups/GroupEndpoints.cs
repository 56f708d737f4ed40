using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Features.Groups;

namespace Caseload.Web.Api.Groups;

internal static class GroupEndpoints
{
    public static void MapGroups(this RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/groups").WithTags("Groups").RequireAuthorization(Policies.Schedules);

        groups.MapGet("/", async (string? clinicianId, bool? archived, GroupList list, CancellationToken ct) =>
            (await list.ListAsync(clinicianId, archived ?? false, ct)).Select(GroupSummary.From).ToList());

        groups.MapGet("/{id}", async (string id, GroupDetails details, CancellationToken ct) =>
            await details.FindAsync(id, ct) is { } group ? Results.Ok(GroupDto.From(group)) : Problems.NotFound());

        groups.MapPost("/", async (GroupInput input, CreateGroup create, CancellationToken ct) =>
        {
            var outcome = await create.HandleAsync(input.ToCreate(), ct);
            return outcome.Succeeded
                ? Results.Created($"/api/v1/groups/{outcome.Value.Id}", GroupDto.From(outcome.Value))
                : Problems.For(outcome.AsOutcome);
        });

        groups.MapPut("/{id}", async (string id, GroupInput input, ChangeGroup change, CancellationToken ct) =>
            Problems.Ok(await change.HandleAsync(input.ToChange(id), ct), GroupDto.From));

        groups.MapPost("/{id}/archive", async (string id, ArchiveGroup archive, CancellationToken ct) =>
            Problems.Ok(await archive.HandleAsync(new ArchiveGroupCommand(id), ct), GroupDto.From));

        groups.MapPost("/{id}/restore", async (string id, RestoreGroup restore, CancellationToken ct) =>
            Problems.Ok(await restore.HandleAsync(new RestoreGroupCommand(id), ct), GroupDto.From));

        groups.MapPost("/{id}/members", async (string id, MemberInput input, AddGroupMember addMember, CancellationToken ct) =>
        {
            var command = input.ToCommand(id);
            return command.Succeeded ? Joined(await addMember.HandleAsync(command.Value, ct)) : Problems.For(command.AsOutcome);
        });

        groups.MapGet("/{id}/eligible", async (string id, GroupDetails details, CancellationToken ct) =>
            await details.FindAsync(id, ct) is { } group ? Results.Ok(EligibleDto.ListOf(group)) : Problems.NotFound());

        groups.MapPost("/{id}/eligible", async (string id, EligibleInput input, MarkEligible mark, CancellationToken ct) =>
            Problems.Ok(await mark.HandleAsync(new MarkEligibleCommand(id, input.ClientId), ct), EligibleDto.ListOf));

        groups.MapDelete("/{id}/eligible/{clientId}", async (string id, string clientId, UnmarkEligible unmark, CancellationToken ct) =>
            Problems.Ok(await unmark.HandleAsync(new UnmarkEligibleCommand(id, clientId), ct), EligibleDto.ListOf));

        groups.MapDelete("/{id}/members/{clientId}", async (string id, string clientId, RemoveGroupMember removeMember, CancellationToken ct) =>
            Problems.Ok(await removeMember.HandleAsync(new RemoveGroupMemberCommand(id, clientId), ct), GroupDto.From));
    }

    /// <summary>A refusal that names one client of a list (403 <c>client-not-yours</c>, 409 …) says which with a <c>field</c> member.</summary>
    private static IResult Joined(Outcome<GroupView> outcome) =>
        outcome.First is { Code: not RefusalCodes.ValidationFailed, Field: { } field } refusal && field.StartsWith("clientIds[", StringComparison.Ordinal)
            ? TypedResults.Problem(
                statusCode: Problems.StatusFor(refusal.Code),
                title: refusal.Message,
                extensions: new Dictionary<string, object?> { ["code"] = refusal.Code, ["field"] = refusal.Field })
            : Problems.Ok(outcome, GroupDto.From);
}
