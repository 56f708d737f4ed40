using Caseload.Domain;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.ServiceCodes;

/// <summary>A field left out keeps its current value.</summary>
public sealed record ChangeServiceCodeCommand(string Code, string? Description, int? DefaultMinutes, decimal? Fee);

/// <summary>Administrators set the practice's fee and usual length for each code.</summary>
public sealed class ChangeServiceCode(CaseloadDbContext db)
{
    public async Task<Outcome<ServiceCodeDto>> HandleAsync(ChangeServiceCodeCommand command, CancellationToken ct)
    {
        var serviceCode = await db.ServiceCodes.FirstOrDefaultAsync(s => s.Code == command.Code, ct);
        if (serviceCode is null)
        {
            return Refusal.NotFound("No such service code.");
        }

        var outcome = serviceCode.Change(command.Description ?? serviceCode.Description,
            command.DefaultMinutes ?? serviceCode.DefaultMinutes, command.Fee ?? serviceCode.Fee);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await db.SaveChangesAsync(ct);
        return ServiceCodeDto.From(serviceCode);
    }
}
