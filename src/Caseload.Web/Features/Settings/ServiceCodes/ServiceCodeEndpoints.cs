using Caseload.Domain.Billing;
using Caseload.Web.Api;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.ServiceCodes;

public sealed record ServiceCodeDto(string Code, string Description, int DefaultMinutes, decimal Fee)
{
    public static ServiceCodeDto From(ServiceCode s) => new(s.Code, s.Description, s.DefaultMinutes, s.Fee);
}

public sealed record ServiceCodeInput(string? Description, int? DefaultMinutes, decimal? Fee);

internal static class ServiceCodeEndpoints
{
    public static void MapServiceCodes(this RouteGroupBuilder api)
    {
        api.MapGet("/service-codes", async (CaseloadDbContext db, CancellationToken ct) =>
                (await db.ServiceCodes.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct)).Select(ServiceCodeDto.From))
            .WithTags("Service codes");

        api.MapPut("/service-codes/{code}", async (string code, ServiceCodeInput input, ServiceCodeChanges changes, CancellationToken ct) =>
            {
                var (saved, outcome) = await changes.ChangeAsync(code, input, ct);
                return outcome.Succeeded ? Results.Ok(saved) : Problems.For(outcome);
            })
            .RequireAuthorization(Policies.Administers)
            .WithTags("Service codes");
    }
}

/// <summary>Administrators set the practice's fee and usual length for each code.</summary>
public sealed class ServiceCodeChanges(CaseloadDbContext db)
{
    public async Task<(ServiceCodeDto? Saved, Domain.Outcome Outcome)> ChangeAsync(string code, ServiceCodeInput input, CancellationToken ct)
    {
        var serviceCode = await db.ServiceCodes.FirstOrDefaultAsync(s => s.Code == code, ct);
        if (serviceCode is null)
        {
            return (null, new Domain.Refusal("not-found", "No such service code."));
        }

        var outcome = serviceCode.Change(input.Description ?? serviceCode.Description,
            input.DefaultMinutes ?? serviceCode.DefaultMinutes, input.Fee ?? serviceCode.Fee);
        if (!outcome.Succeeded)
        {
            return (null, outcome);
        }

        await db.SaveChangesAsync(ct);
        return (ServiceCodeDto.From(serviceCode), outcome);
    }
}
