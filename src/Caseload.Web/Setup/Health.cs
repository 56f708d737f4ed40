using Caseload.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Caseload.Web.Setup;

/// <summary>
/// What a proxy or an orchestrator asks: <c>/health/live</c> (the process answers; restart it when it does not),
/// <c>/health/ready</c> (the database answers and holds this release's schema; send it requests only then) and
/// <c>/health</c>, the database alone, as before.
/// </summary>
public static class Health
{
    private const string Ready = "ready";

    public static void AddCaseloadHealth(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddDbContextCheck<CaseloadDbContext>(tags: [Ready])
            .AddCheck<SchemaCheck>("schema", tags: [Ready]);

    public static void MapCaseloadHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Name != "schema" });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) });
    }

    /// <summary>Unhealthy while migrations this release needs are not applied (an upgrade under way, or a restore of an older backup).</summary>
    private sealed class SchemaCheck(CaseloadDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending.Count} migrations not applied yet, the first {pending[0]}.");
        }
    }
}
