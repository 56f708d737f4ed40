using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Settings.Users;

namespace Caseload.Web.Api.Settings;

public sealed record StaffUserInput(string? Email, string? Password, string? DisplayName, IReadOnlyList<string>? Roles, string? Credentials = null)
{
    public NewStaffUser ToCommand() => new(Email ?? "", Password ?? "", DisplayName ?? "", Roles ?? [], Credentials);
}

public sealed record StaffUserDto(string Id, string? ClinicianId);

public sealed record ClinicianSummary(string Id, string DisplayName, string Credentials, string Color);

internal static class StaffUserEndpoints
{
    public static void MapStaffUsers(this RouteGroupBuilder api)
    {
        api.MapPost("/users", async (StaffUserInput input, CreateStaffUser create, CancellationToken ct) =>
            {
                var outcome = await create.HandleAsync(input.ToCommand(), ct);
                return outcome.Succeeded
                    ? Results.Created($"/api/v1/users/{outcome.Value.Id}", new StaffUserDto(outcome.Value.Id, outcome.Value.ClinicianId))
                    : Problems.For(outcome.AsOutcome);
            })
            .RequireAuthorization(Policies.Administers)
            .WithTags("Staff");

        api.MapGet("/clinicians", async (CaseloadDbContext db, CancellationToken ct) =>
                (await db.ClinicianListAsync(ct)).Select(c => new ClinicianSummary(c.Id, c.DisplayName, c.Credentials, c.Color)).ToList())
            .WithTags("Staff");
    }
}
