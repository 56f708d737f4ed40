using Caseload.Domain.Billing;
using Caseload.Domain.Practices;
using Caseload.Web.Auth;
using Caseload.Web.Features.Settings.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Data;

/// <summary>What happens once per start: migrations, the roles, the practice row, the first administrator, the demo practice.</summary>
internal static class Startup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CaseloadDbContext>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Caseload.Startup");
        var config = services.GetRequiredService<IConfiguration>();

        await db.Database.MigrateAsync();

        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

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

        if (!empty)
        {
            return;
        }

        var adminEmail = config["CASELOAD_ADMIN_EMAIL"];
        var adminPassword = config["CASELOAD_ADMIN_PASSWORD"];
        if (!string.IsNullOrWhiteSpace(adminEmail) && !string.IsNullOrEmpty(adminPassword))
        {
            var (_, outcome) = await services.GetRequiredService<CreateStaffUser>().HandleAsync(
                new NewStaffUser(adminEmail, adminPassword, "Administrator", [Roles.Administrator]));
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException("CASELOAD_ADMIN_EMAIL/CASELOAD_ADMIN_PASSWORD: " +
                    string.Join(" ", outcome.Refusals.Select(r => r.Message)));
            }

            log.LogInformation("Created the administrator named by CASELOAD_ADMIN_EMAIL.");
        }

        if (config.GetValue("Caseload:SeedDemo", true))
        {
            await services.GetRequiredService<DemoPractice>().SeedAsync();
        }
    }
}
