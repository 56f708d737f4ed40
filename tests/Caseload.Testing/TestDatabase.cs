using Microsoft.Data.Sqlite;
using Npgsql;

namespace Caseload.Testing;

/// <summary>A database made for one app (or one group of instances sharing it) and dropped after it.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    public virtual Task CreateAsync() => Task.CompletedTask;

    public abstract ValueTask DisposeAsync();
}

/// <summary>A SQLite file of its own in the temporary folder, deleted with its journal files.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"caseload-test-{Guid.NewGuid():N}.db");

    public override string Provider => "sqlite";

    public override string ConnectionString => $"Data Source={_file}";

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A database of its own on the PostgreSQL server named by <c>CASELOAD_TEST_POSTGRES</c>.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _database = $"caseload_test_{Guid.NewGuid():N}";

    public override string Provider => "postgres";

    public override string ConnectionString => $"{Server};Database={_database}";

    /// <summary>Set by ./test.sh, which starts a throw-away PostgreSQL cluster.</summary>
    private static string Server => Environment.GetEnvironmentVariable("CASELOAD_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "CASELOAD_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL for the tests.");

    public override async Task CreateAsync()
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
        await create.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
