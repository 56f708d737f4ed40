using Caseload.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Caseload.Web.Setup;

/// <summary>
/// Instances that start together take turns through start-up, so the migrations run once and one of them seeds an
/// empty database while the others find it seeded. PostgreSQL: a session advisory lock on a connection of its own.
/// SQLite: an exclusive lock file beside the database.
/// </summary>
internal static class StartupLock
{
    /// <summary>Any fixed number names the lock; every Caseload instance uses this one.</summary>
    private const long AdvisoryKey = 0x436173656C6F6164;

    /// <summary>A session on the practice's database or, before the first start has made it, on the server's own.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(NpgsqlConnectionStringBuilder target)
    {
        var session = new NpgsqlConnection(target.ConnectionString);
        try
        {
            await session.OpenAsync();
            return session;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            await session.DisposeAsync();
            return await OpenAsync(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres" });
        }
    }

    /// <summary>Waits for the lock; disposing the answer gives it back.</summary>
    /// <param name="configured">The connection string as configured: once a connection has opened, the context's own has lost its password.</param>
    public static async Task<IAsyncDisposable> TakeAsync(CaseloadDbContext db, string? configured)
    {
        if (db.Database.IsNpgsql())
        {
            var session = await OpenAsync(new NpgsqlConnectionStringBuilder(configured) { Pooling = false });
            // However long the other instance's migrations take: a command timeout here would stop this instance.
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryKey})", session) { CommandTimeout = 0 };
            await take.ExecuteNonQueryAsync();
            return session;
        }

        var lockFile = Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource) + ".start-lock";
        while (true)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }
}
