using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.Users;

[FeatureApi]
public sealed record ClinicianDto(string Id, string DisplayName, string Credentials, string Color, string? Npi = null, string? Taxonomy = null);

[FeatureApi]
public static class ClinicianDirectory
{
    /// <summary>Every clinician of the practice by name, for pickers, filters and the calendar legend.</summary>
    public static Task<List<ClinicianDto>> ClinicianListAsync(this CaseloadDbContext db, CancellationToken ct) =>
        db.Clinicians.AsNoTracking().OrderBy(c => c.DisplayName)
            .Select(c => new ClinicianDto(c.Id, c.DisplayName, c.Credentials, c.Color, c.Npi, c.Taxonomy))
            .ToListAsync(ct);
}
