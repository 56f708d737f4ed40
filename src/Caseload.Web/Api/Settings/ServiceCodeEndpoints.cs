using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Settings.ServiceCodes;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Api.Settings;

public sealed record ServiceCodeInput(string? Description, int? DefaultMinutes, decimal? Fee);

public sealed record ServiceCodeSummary(string Code, string Description, int DefaultMinutes, decimal Fee)
{
    public static ServiceCodeSummary From(ServiceCodeDto s) => new(s.Code, s.Description, s.DefaultMinutes, s.Fee);
}

internal static class ServiceCodeEndpoints
{
    public static void MapServiceCodes(this RouteGroupBuilder api)
    {
        api.MapGet("/service-codes", async (CaseloadDbContext db, CancellationToken ct) =>
                (await db.ServiceCodes.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct)).Select(s => ServiceCodeSummary.From(ServiceCodeDto.From(s))))
            .WithTags("Service codes");

        api.MapPut("/service-codes/{code}", async (string code, ServiceCodeInput input, ChangeServiceCode change, CancellationToken ct) =>
                Problems.Ok(await change.HandleAsync(new ChangeServiceCodeCommand(code, input.Description, input.DefaultMinutes, input.Fee), ct), ServiceCodeSummary.From))
            .RequireAuthorization(Policies.Administers)
            .WithTags("Service codes");
    }
}
