using Caseload.Web.Api;
using Caseload.Web.Auth;
using Caseload.Web.Data;

namespace Caseload.Web.Features.Settings.Users;

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
            .RequireAuthorization(Policies.Administers)
            .WithTags("Staff");

        api.MapGet("/clinicians", (CaseloadDbContext db, CancellationToken ct) => db.ClinicianListAsync(ct))
            .WithTags("Staff");
    }
}
