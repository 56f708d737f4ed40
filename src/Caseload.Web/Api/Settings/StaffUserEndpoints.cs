using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Settings.Users;

namespace Caseload.Web.Api.Settings;

public sealed record StaffUserInput(string? Email, string? Password, string? DisplayName, IReadOnlyList<string>? Roles, string? Credentials = null)
{
    public NewStaffUser ToCommand() => new(Email ?? "", Password ?? "", DisplayName ?? "", Roles ?? [], Credentials);
}

public sealed record StaffUserDto(string Id, string? ClinicianId);

public sealed record StaffUserChangeInput(string? DisplayName, IReadOnlyList<string>? Roles);

public sealed record StaffPasswordInput(string? Password);

public sealed record StaffUserSummary(
    string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string? ClinicianId, bool Active, bool TwoFactorEnabled,
    bool HasCalendarFeed)
{
    public static StaffUserSummary From(StaffSummary s) =>
        new(s.Id, s.Email, s.DisplayName, s.Roles, s.ClinicianId, s.Active, s.TwoFactorEnabled, s.HasCalendarFeed);
}

public sealed record ClinicianSummary(string Id, string DisplayName, string Credentials, string Color, string? Npi, string? Taxonomy);

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

        var users = api.MapGroup("/users").RequireAuthorization(Policies.Administers).WithTags("Staff");
        users.MapGet("", async (StaffList staff, CancellationToken ct) => (await staff.ListAsync(ct)).Select(StaffUserSummary.From).ToList());
        users.MapPut("/{id}", async (string id, StaffUserChangeInput input, ChangeStaffUser change, StaffList staff, CancellationToken ct) =>
        {
            var outcome = await change.HandleAsync(new StaffUserChange(id, input.DisplayName ?? "", input.Roles ?? []), ct);
            return outcome.Succeeded ? Results.Ok(StaffUserSummary.From((await staff.FindAsync(id, ct))!)) : Problems.For(outcome);
        });
        users.MapPost("/{id}/deactivate", async (string id, DeactivateStaffUser deactivate, CancellationToken ct) =>
            Problems.NoContent(await deactivate.HandleAsync(id, ct)));
        users.MapPost("/{id}/reactivate", async (string id, ReactivateStaffUser reactivate, CancellationToken ct) =>
            Problems.NoContent(await reactivate.HandleAsync(id, ct)));
        users.MapPost("/{id}/password", async (string id, StaffPasswordInput input, ResetStaffPassword reset, CancellationToken ct) =>
            Problems.NoContent(await reset.HandleAsync(new StaffPasswordReset(id, input.Password ?? ""), ct)));

        api.MapGet("/clinicians", async (CaseloadDbContext db, CancellationToken ct) =>
                (await db.ClinicianListAsync(ct)).Select(c => new ClinicianSummary(c.Id, c.DisplayName, c.Credentials, c.Color, c.Npi, c.Taxonomy)).ToList())
            .WithTags("Staff");
    }
}
