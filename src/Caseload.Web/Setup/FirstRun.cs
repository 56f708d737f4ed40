using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Settings.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Setup;

/// <summary>
/// What happens once per start: migrations, the roles, and on a first run the administrator and the demo
/// practice; on a later start with <c>Caseload:ResetDemoPassword</c> set, a new password for the demo accounts.
/// </summary>
internal static class FirstRun
{
    public static async Task PrepareAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Caseload.Startup");
        var config = services.GetRequiredService<IConfiguration>();

        var db = services.GetRequiredService<CaseloadDbContext>();
        await using (await StartupLock.TakeAsync(db, config.GetConnectionString("Caseload")))
        {
            await db.Database.MigrateAsync();
            await PrepareOnceAsync(services, log, config);
        }
    }

    private static async Task PrepareOnceAsync(IServiceProvider services, ILogger log, IConfiguration config)
    {
        var empty = await services.GetRequiredService<CaseloadDbContext>().SeedAsync();
        await AuditChain.SealUnchainedAsync(services.GetRequiredService<CaseloadDbContext>());

        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (!empty)
        {
            if (config.GetValue("Caseload:ResetDemoPassword", false))
            {
                await services.GetRequiredService<DemoPractice>().ResetPasswordAsync();
            }

            return;
        }

        var adminEmail = config["CASELOAD_ADMIN_EMAIL"];
        var adminPassword = config["CASELOAD_ADMIN_PASSWORD"];
        if (!string.IsNullOrWhiteSpace(adminEmail) && !string.IsNullOrEmpty(adminPassword))
        {
            var outcome = await services.GetRequiredService<CreateStaffUser>().HandleAsync(
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
