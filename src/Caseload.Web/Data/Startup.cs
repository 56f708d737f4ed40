using Caseload.Domain.Billing;
using Caseload.Domain.Practices;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Data;

/// <summary>What the database needs on every start, once migrated: the service code catalogue and the practice row.</summary>
internal static class Startup
{
    /// <summary>Fills the rows every practice has; true when the database has no user yet (a first run).</summary>
    public static async Task<bool> SeedAsync(this CaseloadDbContext db)
    {
        if (!await db.ServiceCodes.AnyAsync())
        {
            db.ServiceCodes.AddRange(ServiceCode.Catalogue.Select(ServiceCode.Copy));
            await db.SaveChangesAsync();
        }

        var empty = !await db.Users.AnyAsync();
        if (!await db.Practices.AnyAsync())
        {
            db.Practices.Add(Practice.CreateDefault("My practice", "America/New_York"));
            await db.SaveChangesAsync();
        }

        return empty;
    }
}
