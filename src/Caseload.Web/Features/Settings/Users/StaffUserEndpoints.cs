using Caseload.Web.Api;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.Users;

public sealed record ClinicianDto(string Id, string DisplayName, string Credentials, string Color);

internal static class StaffUserEndpoints
{
    public static void MapStaffUsers(this RouteGroupBuilder api)
    {
        api.MapPost("/users", async (NewStaffUser input, CreateStaffUser handler, CancellationToken ct) =>
            {
                var (created, outcome) = await handler.HandleAsync(input, ct);
                return created is null
                    ? Problems.For(outcome)
                    : Results.Created($"/api/v1/users/{created.Id}", created);
            })
            .RequireAuthorization(Roles.Administrator)
            .WithTags("Staff");

        api.MapGet("/clinicians", async (CaseloadDbContext db, CancellationToken ct) =>
                await db.Clinicians.AsNoTracking().OrderBy(c => c.DisplayName)
                    .Select(c => new ClinicianDto(c.Id, c.DisplayName, c.Credentials, c.Color))
                    .ToListAsync(ct))
            .WithTags("Staff");
    }
}
