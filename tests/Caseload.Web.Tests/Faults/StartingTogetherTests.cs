using System.Reflection;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Caseload.Web.Tests.Faults;

/// <summary>
/// Two real instances started at the same moment on an empty PostgreSQL database, as an orchestrator starts a
/// deployment: one takes the start-up lock, migrates and seeds; the other waits, finds it done, and starts too.
/// The migrations are applied once, the administrator is made once and the demo practice seeded once.
/// </summary>
[Collection(nameof(OneFaultAtATime))]
public sealed class StartingTogetherTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _database.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task TwoInstancesStartedTogetherOnAnEmptyDatabase_MigrateOnce_AndMakeTheAdministratorAndTheDemoPracticeOnce()
    {
        var demo = new Dictionary<string, string>(FaultApp.PromptWorkers) { ["Caseload:SeedDemo"] = "true" };
        var connection = _database.ConnectionString;

        await using var instances = await TwoInstances.StartAsync(connection, Ct, demo, demo);

        var migrations = typeof(PostgresCaseloadDbContext).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<MigrationAttribute>() is not null
                && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(PostgresCaseloadDbContext))
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()!.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(migrations, m => m.EndsWith("_RemindersHandOver", StringComparison.Ordinal));
        Assert.Equal(migrations.Count, await Sql.CountAsync(connection, """SELECT count(*) FROM "__EFMigrationsHistory" """, Ct));
        Assert.Equal(migrations.Count, await Sql.CountAsync(connection, """SELECT count(DISTINCT "MigrationId") FROM "__EFMigrationsHistory" """, Ct));

        Assert.Equal(1, await Sql.CountAsync(connection, """SELECT count(*) FROM "AspNetUsers" WHERE "Email" = $1""", Ct, CaseloadApp.AdminEmail));
        Assert.Equal(1, await Sql.CountAsync(connection, """SELECT count(*) FROM "AspNetUsers" WHERE "Email" = $1""", Ct, "dana@riverbend.example"));
        Assert.Equal(1, await Sql.CountAsync(connection, """SELECT count(*) FROM "Practices" """, Ct));
        Assert.Equal(Domain.Billing.ServiceCode.Catalogue.Count, await Sql.CountAsync(connection, """SELECT count(*) FROM "ServiceCodes" """, Ct));
        var groups = await Sql.CountAsync(connection, """SELECT count(*) FROM "Groups" """, Ct);
        Assert.True(groups > 0, "the demo practice has groups");
        Assert.Equal(groups, await Sql.CountAsync(connection, """SELECT count(DISTINCT "Name") FROM "Groups" """, Ct));
        var clients = await Sql.CountAsync(connection, """SELECT count(*) FROM "Clients" """, Ct);
        Assert.True(clients > 0, "the demo practice has clients");
        Assert.Equal(clients, await Sql.CountAsync(connection, """SELECT count(DISTINCT "Email") FROM "Clients" """, Ct));

        // One instance made the administrator; the other found the database seeded.
        Assert.Single(instances.Both, i => i.Output.Contains("Created the administrator named by CASELOAD_ADMIN_EMAIL.", StringComparison.Ordinal));
        Assert.All(instances.Both, i => Assert.False(i.HasExited));
    }
}
