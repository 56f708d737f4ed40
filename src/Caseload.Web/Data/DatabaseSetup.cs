using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Data;

internal static class DatabaseSetup
{
    /// <summary>Chooses the provider from <c>Caseload:Provider</c> (sqlite, the default, or postgres).</summary>
    public static void AddCaseloadDatabase(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration["Caseload:Provider"]?.ToLowerInvariant() ?? "sqlite";
        var connection = builder.Configuration.GetConnectionString("Caseload");
        switch (provider)
        {
            case "postgres":
                if (string.IsNullOrWhiteSpace(connection))
                {
                    throw new InvalidOperationException("Caseload__Provider=postgres needs ConnectionStrings__Caseload.");
                }

                builder.Services.AddDbContext<CaseloadDbContext, PostgresCaseloadDbContext>(o =>
                    o.UseNpgsql(connection, n => n.UseNodaTime().ExecutionStrategy(d => new RetryOutsideTransactions(d))));
                break;
            case "sqlite":
                connection ??= $"Data Source={Path.Combine(builder.Environment.ContentRootPath, "caseload.db")}";
                builder.Services.AddDbContext<CaseloadDbContext, SqliteCaseloadDbContext>(o => o.UseSqlite(connection)
                    .AddInterceptors(SqliteCommitsWithoutFsync.Instance));
                break;
            default:
                throw new InvalidOperationException($"Unknown Caseload__Provider '{provider}': use sqlite or postgres.");
        }
    }
}
