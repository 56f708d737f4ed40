using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Caseload.Web.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP against a real database of its own, with a clock the test turns.
/// One subclass per provider, so every scenario runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class CaseloadApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@test.example";
    public const string Password = "Test-password-1";

    /// <summary>Tuesday 1 December 2026, 10:00 in New York.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));

    public abstract string Provider { get; }

    protected abstract string ConnectionString { get; }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Caseload:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Caseload", ConnectionString);
        builder.UseSetting("Caseload:SeedDemo", "false");
        builder.UseSetting("CASELOAD_ADMIN_EMAIL", AdminEmail);
        builder.UseSetting("CASELOAD_ADMIN_PASSWORD", Password);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));
    }
}

public sealed class SqliteApp : CaseloadApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"caseload-test-{Guid.NewGuid():N}.db");

    public override string Provider => "sqlite";

    protected override string ConnectionString => $"Data Source={_file}";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class PostgresApp : CaseloadApp
{
    private readonly string _database = $"caseload_test_{Guid.NewGuid():N}";

    public override string Provider => "postgres";

    protected override string ConnectionString => $"{ServerConnection};Database={_database}";

    /// <summary>Set by ./test.sh, which starts a throw-away PostgreSQL cluster.</summary>
    private static string ServerConnection => Environment.GetEnvironmentVariable("CASELOAD_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "CASELOAD_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL for the tests.");

    public override async ValueTask InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(ServerConnection);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
        await create.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnection);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        GC.SuppressFinalize(this);
    }
}
