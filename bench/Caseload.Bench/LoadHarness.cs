using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Caseload.Bench;

/// <summary>
/// Starts the real app on generated practices and measures, over HTTP on loopback, every scenario of
/// <see cref="Scenarios"/>, then reminder dispatch; writes one table with the ratio columns.
/// </summary>
internal static class LoadHarness
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        Directory.CreateDirectory(options.OutDir);
        var scales = options.Scales.Count > 0 ? options.Scales : [0];
        var measured = new List<Measurement>();
        var headers = new List<string>();
        var results = Path.Combine(options.OutDir, $"results-{options.Provider}{(options.LogSql ? "-sql" : "")}.md");
        // --scenarios reminders: only the dispatch runs, on databases of its own; no practice is needed.
        var onlyReminders = options.Only.Count > 0 && options.Only.All(o => "reminders".StartsWith(o, StringComparison.OrdinalIgnoreCase));
        foreach (var scale in onlyReminders ? [] : scales)
        {
            var scaled = scale == 0 ? options : options.ForScale(scale);
            var (header, rows) = await RunScaleAsync(scaled);
            headers.Add(header);
            measured.AddRange(rows);
            // Written after each scale too, so a run stopped later keeps what it measured.
            await File.WriteAllTextAsync(results, Table(options, headers, measured));
        }

        if (options.Reminders > 0)
        {
            measured.AddRange(await ReminderThroughput.MeasureAsync(options, options.Reminders));
        }

        var table = Table(options, headers, measured);
        await File.WriteAllTextAsync(results, table);
        Console.WriteLine();
        Console.WriteLine(table);
        Console.WriteLine($"Written to {results}{(options.LogSql ? $"; SQL per scenario in {options.OutDir}/sql-*.sql" : "")}.");
        return measured.Sum(m => m.Failures) == 0 ? 0 : 1;
    }

    /// <summary>One practice: copied, read, served by one app instance through every scenario.</summary>
    private static async Task<(string Header, List<Measurement> Rows)> RunScaleAsync(BenchOptions options)
    {
        var connection = options.InPlace ? options.ConnectionString
            : options.IsPostgres ? await CopyPostgresDatabaseAsync(options.ConnectionString)
            : CopyDatabase(options);
        var practice = await GeneratedPractice.ReadAsync(options, connection);
        var header = Describe(options, practice);
        Console.WriteLine(header);

        var measured = new List<Measurement>();
        var starts = 0;
        AppProcess? app = null;
        try
        {
            foreach (var (name, run) in Scenarios.All(options, practice, connection).Where(s => options.Runs(s.Name)))
            {
                for (var attempt = 1; ; attempt++)
                {
                    if (app is null)
                    {
                        var log = $"load-{options.Provider}-{practice.Clinicians.Count}{(options.LogSql ? "-sql" : "")}-{++starts}";
                        app = await AppProcess.StartAsync(options, connection, options.LogSql, log);
                        Console.WriteLine($"App at {app.BaseAddress} (log: {app.LogPath})");
                    }

                    using var http = Scenarios.Client(app.BaseAddress, options.Concurrency);
                    try
                    {
                        var signed = new Signed(
                            await BenchStaff.SignInAsync(http, BenchStaff.AdminEmail),
                            await BenchStaff.SignInAsync(http, practice.Clinicians[0].Email));
                        var sql = options.LogSql ? new SqlLog(app.LogPath, options.OutDir) : null;
                        measured.Add(await run(new Target(http, app, signed, sql)));
                        break;
                    }
                    catch (HttpRequestException e) when (attempt < 3)
                    {
                        // On a shared machine something else may stop the app; start it again and repeat the scenario.
                        Console.WriteLine($" the app stopped ({e.Message}); starting it again and repeating \"{name}\".");
                        await app.DisposeAsync();
                        app = null;
                    }
                }
            }
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        return (header, measured);
    }

    private static string Table(BenchOptions options, List<string> headers, List<Measurement> measured)
    {
        var table = new StringBuilder();
        foreach (var header in headers)
        {
            table.AppendLine(header).AppendLine();
        }

        table.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Throughput client: {options.ThroughputClient}, {options.Concurrency} connections for {options.DurationSeconds} s. Load average after the run: {Measurement.ReadLoadAverage()}."));
        table.AppendLine().AppendLine(Measurement.TableHeader);
        var smallest = measured.Where(m => m.Appointments > 0).Select(m => m.Appointments).DefaultIfEmpty(0).Min();
        foreach (var m in measured)
        {
            var raw = measured.FirstOrDefault(r => r.Name == Measurement.RawSql && r.Appointments == m.Appointments);
            var baseline = m.Appointments == 0 ? null : measured.FirstOrDefault(r => r.Name == m.Name && r.Appointments == smallest);
            table.AppendLine(m.TableRow(raw, baseline));
        }

        return table.ToString();
    }

    /// <summary>A fresh copy of the generated practice to write into, on either database; returns its connection string.</summary>
    public static async Task<string> CopyAsync(BenchOptions options) =>
        options.IsPostgres ? await CopyPostgresDatabaseAsync(options.ConnectionString) : CopyDatabase(options);

    /// <summary>Scenarios add rows: on SQLite the run works on a copy, so every run starts from the same practice.</summary>
    private static string CopyDatabase(BenchOptions options)
    {
        var copy = Path.Combine(options.OutDir, $"load-{Path.GetFileNameWithoutExtension(options.DbPath)}.db");
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(copy + suffix);
        }

        File.Copy(options.DbPath!, copy);
        return $"Data Source={copy}";
    }

    /// <summary>The same on PostgreSQL: a database made from the generated one as its template, replaced on every run.</summary>
    private static async Task<string> CopyPostgresDatabaseAsync(string connectionString)
    {
        var generated = new NpgsqlConnectionStringBuilder(connectionString);
        var copy = new NpgsqlConnectionStringBuilder(connectionString) { Database = generated.Database + "_load" };
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false, CommandTimeout = 0 };
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server.ConnectionString);
        await admin.OpenAsync();
        foreach (var sql in new[]
        {
            $"DROP DATABASE IF EXISTS \"{copy.Database}\" WITH (FORCE)",
            $"CREATE DATABASE \"{copy.Database}\" TEMPLATE \"{generated.Database}\"",
        })
        {
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync();
        }

        return copy.ConnectionString;
    }

    private static string Describe(BenchOptions options, GeneratedPractice practice)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim()
            : null;
        var size = options.DbPath is { } path && File.Exists(path) ? $", database file {new FileInfo(path).Length / 1048576.0:0} MiB" : "";
        return string.Create(CultureInfo.InvariantCulture, $"""
            Provider {options.Provider}{size}; {practice.Clinicians.Count} clinicians, {practice.AppointmentCount:N0} appointments, {practice.InviteeCount:N0} invitees, {practice.InvoiceCount:N0} invoices.
            Machine: {Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.
            Load average before the run: {Measurement.ReadLoadAverage()}. Today in the practice: {practice.Today:uuuu-MM-dd}. SQL logging: {(options.LogSql ? "on (latencies include its cost)" : "off")}.
            """);
    }
}

/// <summary>The two sign-ins the scenarios use: the administrator, and the first clinician.</summary>
internal sealed record Signed(AuthenticationHeaderValue Admin, AuthenticationHeaderValue Clinician);

/// <summary>What a scenario runs against: the app, a client for it, the sign-ins, and the SQL log when on.</summary>
internal sealed record Target(HttpClient Http, AppProcess App, Signed Signed, SqlLog? Sql);
