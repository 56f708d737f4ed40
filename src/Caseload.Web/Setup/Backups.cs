using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Setup;

/// <summary>What a backup holds: its schema against this release's, and, when they match, its audit chain and how many rows each table has.</summary>
public sealed record BackupReport(string LatestMigration, IReadOnlyList<string> Missing, IReadOnlyList<string> Unknown,
    IReadOnlyDictionary<string, long> Rows, bool? AuditChainValid)
{
    /// <summary>The backup is this release's schema, whole, with an unbroken audit trail.</summary>
    public bool Usable => Missing.Count == 0 && Unknown.Count == 0 && AuditChainValid == true;
}

/// <summary>
/// The app's own backup commands: <c>backup FILE</c> copies the running practice's SQLite database to a file
/// (<c>VACUUM INTO</c>, consistent while the app serves requests), <c>verify-backup [FILE]</c> opens a backup (or, on
/// PostgreSQL, the configured database after <c>pg_restore</c>) and checks its schema version, audit chain and row
/// counts, and <c>restore FILE</c> verifies a backup and then copies it over the configured SQLite database, which
/// must not be in use.
/// </summary>
public static class Backups
{
    public static readonly string[] Commands = ["backup", "verify-backup", "restore"];

    /// <summary>Runs a command given on the command line; the exit code is 0 when it did what was asked.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        try
        {
            switch (args)
            {
                case ["backup", var file]:
                    await BackupAsync(db, file);
                    await output.WriteLineAsync($"Backed up to {Path.GetFullPath(file)}.");
                    return await ReportAsync(await VerifyFileAsync(file), output);
                case ["verify-backup", var file]:
                    return await ReportAsync(await VerifyFileAsync(file), output);
                case ["verify-backup"]:
                    return await ReportAsync(await VerifyAsync(db), output);
                case ["restore", var file]:
                    var report = await VerifyFileAsync(file);
                    if (await ReportAsync(report, output) != 0)
                    {
                        await output.WriteLineAsync("Not restored: the backup is not this release's, whole.");
                        return 1;
                    }

                    await RestoreAsync(file, db);
                    await output.WriteLineAsync($"Restored {Path.GetFullPath(file)} over the practice's database.");
                    return 0;
                default:
                    await output.WriteLineAsync("Use: backup FILE | verify-backup [FILE] | restore FILE");
                    return 2;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or SqliteException or IOException)
        {
            await output.WriteLineAsync(e.Message);
            return 1;
        }
    }

    /// <summary>A consistent copy of the SQLite database in a new file, taken while the app keeps serving.</summary>
    public static async Task BackupAsync(CaseloadDbContext db, string file)
    {
        RequireSqlite(db, "backup");
        var target = Path.GetFullPath(file);
        if (File.Exists(target))
        {
            throw new InvalidOperationException($"{target} exists already: name a new file.");
        }

        await db.Database.ExecuteSqlRawAsync("VACUUM INTO {0}", target);
    }

    /// <summary>Checks a SQLite backup file without changing it.</summary>
    public static async Task<BackupReport> VerifyFileAsync(string file)
    {
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"No backup at {Path.GetFullPath(file)}.");
        }

        var connection = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var backup = new SqliteCaseloadDbContext(
            new DbContextOptionsBuilder<SqliteCaseloadDbContext>().UseSqlite(connection.ConnectionString).Options);
        return await VerifyAsync(backup);
    }

    /// <summary>The schema version, the audit chain and the row count of every table of a database.</summary>
    public static async Task<BackupReport> VerifyAsync(CaseloadDbContext db)
    {
        var known = db.Database.GetMigrations().ToList();
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        if (applied.Count == 0)
        {
            throw new InvalidOperationException("This is not a Caseload database: it has no migrations.");
        }

        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var missing = known.Except(applied).ToList();
        var unknown = applied.Except(known).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            return new BackupReport(applied[^1], missing, unknown, rows, AuditChainValid: null);
        }

        foreach (var table in Tables(db))
        {
            // The table names come from the app's own model, never from input.
            var count = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"";
            rows[table] = await db.Database.SqlQueryRaw<long>(count).SingleAsync();
        }

        var chain = await AuditChain.VerifyAsync(db, CancellationToken.None);
        return new BackupReport(applied[^1], missing, unknown, rows, chain.Valid);
    }

    /// <summary>Copies a verified backup over the configured SQLite database (the app must be stopped).</summary>
    public static async Task RestoreAsync(string file, CaseloadDbContext db)
    {
        RequireSqlite(db, "restore");
        await using var source = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        await using var target = new SqliteConnection(
            new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        await source.OpenAsync();
        await target.OpenAsync();
        source.BackupDatabase(target);
    }

    /// <summary>Every table the model maps, and the migrations history.</summary>
    public static IEnumerable<string> Tables(CaseloadDbContext db) =>
        db.Model.GetRelationalModel().Tables.Select(t => t.Name).Append("__EFMigrationsHistory").Distinct().Order(StringComparer.Ordinal);

    private static async Task<int> ReportAsync(BackupReport report, TextWriter output)
    {
        await output.WriteLineAsync($"Schema: {report.LatestMigration}");
        if (report.Missing.Count > 0)
        {
            await output.WriteLineAsync($"Older than this release: missing {string.Join(", ", report.Missing)}.");
        }

        if (report.Unknown.Count > 0)
        {
            await output.WriteLineAsync($"Made by a newer release: {string.Join(", ", report.Unknown)}.");
        }

        await output.WriteLineAsync(report.AuditChainValid switch
        {
            true => "Audit trail: unbroken.",
            false => "Audit trail: BROKEN.",
            null => "Audit trail and rows: not checked, the schema is another release's.",
        });
        foreach (var (table, count) in report.Rows)
        {
            await output.WriteLineAsync($"  {table}: {count}");
        }

        await output.WriteLineAsync(report.Usable ? "The backup is usable." : "The backup is NOT usable by this release.");
        return report.Usable ? 0 : 1;
    }

    private static void RequireSqlite(CaseloadDbContext db, string command)
    {
        if (!db.Database.IsSqlite())
        {
            throw new InvalidOperationException(
                $"'{command}' copies a SQLite database. On PostgreSQL use pg_dump and pg_restore, then 'verify-backup' (see docs/deploy.md, Backups).");
        }
    }
}
