using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Caseload.Web.Data;

/// <summary>Lets <c>dotnet ef migrations add --context …</c> build each provider's context without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCaseloadDbContext>
{
    public SqliteCaseloadDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCaseloadDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCaseloadDbContext>
{
    public PostgresCaseloadDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCaseloadDbContext>()
            .UseNpgsql("Host=localhost;Database=caseload_design", o => o.UseNodaTime()).Options);
}
