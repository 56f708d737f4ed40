using System.Net;
using Caseload.Web.Data;
using Caseload.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Web.Tests.Operations;

/// <summary>
/// The proxy's and the orchestrator's questions: live (the process answers), ready (the database answers with this
/// release's schema) and the database alone. A migration taken away for one
/// test is put back before the next.
/// </summary>
public abstract class HealthTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Live_Ready_AndHealth_AllAnswer200_WithoutSigningIn_OnAStartedApp()
    {
        var anonymous = app.CreateClient();

        foreach (var path in new[] { "/health/live", "/health/ready", "/health" })
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path, Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task Ready_IsUnavailable_WhileAMigrationOfThisReleaseIsNotApplied_ButLiveStays200()
    {
        var anonymous = app.CreateClient();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        var latest = db.Database.GetMigrations().Last();
        await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {latest}", Ct);
        try
        {
            var ready = await anonymous.GetAsync("/health/ready", Ct);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", Ct)).StatusCode);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({latest}, {"10.0.0"})", Ct);
        }
    }
}

public sealed class HealthSqliteTests(SqliteApp app) : HealthTests(app), IClassFixture<SqliteApp>;

public sealed class HealthPostgresTests(PostgresApp app) : HealthTests(app), IClassFixture<PostgresApp>;
