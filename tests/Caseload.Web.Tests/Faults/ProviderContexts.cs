using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Tests.Faults;

/// <summary>The app's context for a provider, made in the test to read this build's migrations (it opens no connection by itself).</summary>
internal static class ProviderContexts
{
    public static CaseloadDbContext Create(string provider) => provider == "sqlite"
        ? new SqliteCaseloadDbContext(new DbContextOptionsBuilder<SqliteCaseloadDbContext>().UseSqlite("Data Source=:memory:").Options)
        : new PostgresCaseloadDbContext(new DbContextOptionsBuilder<PostgresCaseloadDbContext>().UseNpgsql("Host=127.0.0.1", n => n.UseNodaTime()).Options);

    /// <summary>The migration ids of this build, oldest first.</summary>
    public static List<string> MigrationsOf(string provider)
    {
        using var db = Create(provider);
        return [.. db.Database.GetMigrations()];
    }
}
