using System.Diagnostics;
using Caseload.Web.Data;
using Caseload.Web.Setup;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Notes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Web.Tests.Operations;

/// <summary>
/// The app's own backup commands, run as the real program: a running practice is backed up, the backup verified,
/// restored elsewhere and compared table by table; a backup of another schema or with a broken audit trail is refused.
/// </summary>
public sealed class SqliteBackupTests(SqliteApp app) : IClassFixture<SqliteApp>, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("caseload-backup-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Live => new SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Backup_OfARunningPractice_RestoredElsewhere_HoldsEveryRowOfEveryTable()
    {
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();
        var backup = Path.Combine(_folder, "practice.db");

        var (backedUp, said) = await RunAsync(Live, "backup", backup);
        Assert.True(backedUp == 0, said);
        Assert.Contains("The backup is usable.", said, StringComparison.Ordinal);
        Assert.Contains("Audit trail: unbroken.", said, StringComparison.Ordinal);

        var elsewhere = Path.Combine(_folder, "restored.db");
        var (restored, restoreSaid) = await RunAsync(elsewhere, "restore", backup);
        Assert.True(restored == 0, restoreSaid);

        using var scope = app.Services.CreateScope();
        var tables = Backups.Tables(scope.ServiceProvider.GetRequiredService<CaseloadDbContext>()).ToList();
        Assert.Contains("Notes", tables);
        foreach (var table in tables)
        {
            var original = await RowsAsync(Live, table);
            Assert.Equal(original, await RowsAsync(elsewhere, table));
            Assert.Contains($"  {table}: {original.Count}", said, StringComparison.Ordinal);
        }

        Assert.NotEmpty(await RowsAsync(elsewhere, "Notes"));
    }

    [Fact]
    public async Task VerifyBackup_OfAnOlderSchema_SaysWhatIsMissing_AndRestoreRefusesIt()
    {
        await app.HeldSessionAsync();
        var backup = Path.Combine(_folder, "older.db");
        await BackupAsync(backup);
        string latest;
        await using (var file = new SqliteConnection($"Data Source={backup};Pooling=False"))
        {
            await file.OpenAsync(Ct);
            await using var newest = file.CreateCommand();
            newest.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1";
            latest = (string)(await newest.ExecuteScalarAsync(Ct))!;
            await using var forget = file.CreateCommand();
            forget.CommandText = $"DELETE FROM __EFMigrationsHistory WHERE MigrationId = '{latest}'";
            await forget.ExecuteNonQueryAsync(Ct);
        }

        var (verified, said) = await RunAsync(Live, "verify-backup", backup);
        var elsewhere = Path.Combine(_folder, "not-restored.db");
        var (restored, restoreSaid) = await RunAsync(elsewhere, "restore", backup);

        Assert.Equal(1, verified);
        Assert.Contains($"Older than this release: missing {latest}.", said, StringComparison.Ordinal);
        Assert.Contains("The backup is NOT usable by this release.", said, StringComparison.Ordinal);
        Assert.Equal(1, restored);
        Assert.Contains("Not restored", restoreSaid, StringComparison.Ordinal);
        Assert.False(File.Exists(elsewhere) && new FileInfo(elsewhere).Length > 0);
    }

    [Fact]
    public async Task VerifyBackup_WithAChangedAuditEntry_ReportsTheTrailBroken()
    {
        await app.HeldSessionAsync();
        var backup = Path.Combine(_folder, "tampered.db");
        await BackupAsync(backup);
        await using (var file = new SqliteConnection($"Data Source={backup};Pooling=False"))
        {
            await file.OpenAsync(Ct);
            await using var tamper = file.CreateCommand();
            tamper.CommandText = "UPDATE AuditEntries SET Detail = 'nothing happened' WHERE Seq = (SELECT MAX(Seq) FROM AuditEntries WHERE Action = 'create')";
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync(Ct));
        }

        var (verified, said) = await RunAsync(Live, "verify-backup", backup);

        Assert.Equal(1, verified);
        Assert.Contains("Audit trail: BROKEN.", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_ToAFileThatExists_IsRefused_AndTheFileKept()
    {
        var existing = Path.Combine(_folder, "existing.db");
        await File.WriteAllTextAsync(existing, "keep me", Ct);

        var (exit, said) = await RunAsync(Live, "backup", existing);

        Assert.Equal(1, exit);
        Assert.Contains("exists already", said, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing, Ct));
    }

    private async Task BackupAsync(string file)
    {
        var (exit, said) = await RunAsync(Live, "backup", file);
        Assert.True(exit == 0, said);
    }

    /// <summary>Every row of a table, each as its values joined, in order, so two databases compare exactly.</summary>
    private static async Task<List<string>> RowsAsync(string file, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await select.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join("|", values.Select(v => v is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>Runs the app's program with a command against the SQLite database in <paramref name="database"/>.</summary>
    private static async Task<(int ExitCode, string Said)> RunAsync(string database, params string[] command)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Caseload.Web.dll"));
        foreach (var part in command)
        {
            start.ArgumentList.Add(part);
        }

        start.Environment["Caseload__Provider"] = "sqlite";
        start.Environment["ConnectionStrings__Caseload"] = $"Data Source={database}";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await output + await errors);
    }
}

/// <summary>On PostgreSQL the copy is pg_dump's; the app checks the database it is pointed at, and says so for the rest.</summary>
public sealed class PostgresBackupTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task VerifyBackup_OfThePracticeDatabase_CountsEveryTable_AndBackupPointsToPgDump()
    {
        await app.HeldSessionAsync();
        var said = new StringWriter();
        var backupSaid = new StringWriter();

        var verified = await Backups.RunAsync(app.Services, ["verify-backup"], said);
        var backedUp = await Backups.RunAsync(app.Services, ["backup", Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.db")], backupSaid);

        Assert.True(verified == 0, said.ToString());
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        var invoices = await db.Invoices.CountAsync(TestContext.Current.CancellationToken);
        Assert.True(invoices > 0);
        Assert.Contains($"  Invoices: {invoices}", said.ToString(), StringComparison.Ordinal);
        Assert.Contains("Audit trail: unbroken.", said.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, backedUp);
        Assert.Contains("On PostgreSQL use pg_dump and pg_restore", backupSaid.ToString(), StringComparison.Ordinal);
    }
}
