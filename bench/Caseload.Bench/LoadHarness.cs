using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Caseload.Domain.Scheduling;
using Caseload.Web.Api.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Bench;

/// <summary>
/// Starts the real app on a generated practice and measures, over HTTP on loopback, the calendar
/// feed and the booking of weekly series. Each scenario is warmed up, then timed request by request.
/// </summary>
internal static class LoadHarness
{
    private const int FeedWarmup = 20;
    private const int SeriesWarmup = 5;
    private const int SeriesWeeks = 52;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        Directory.CreateDirectory(options.OutDir);
        var connection = options.InPlace ? options.ConnectionString
            : options.IsPostgres ? await CopyPostgresDatabaseAsync(options.ConnectionString)
            : CopyDatabase(options);
        var practice = await GeneratedPractice.ReadAsync(options, connection);
        var header = Describe(options, practice);
        Console.WriteLine(header);

        var clinicianId = practice.Clinicians[0].Id;
        var feed = options.FeedRequests;
        var scenarios = new (string Name, Func<Runner, Signed, string, Task<Measurement>> Run)[]
        {
            ("feed: week, one clinician (?clinicianId=)", (r, s, n) => r.FeedAsync(n, s.Admin, feed, i => practice.Week(i) + $"&clinicianId={clinicianId}")),
            ("feed: week, signed in as that clinician", (r, s, n) => r.FeedAsync(n, s.Clinician, feed, practice.Week)),
            ("feed: week, whole practice", (r, s, n) => r.FeedAsync(n, s.Admin, feed, practice.Week)),
            ("feed: month, one clinician", (r, s, n) => r.FeedAsync(n, s.Admin, feed, i => practice.Month(i) + $"&clinicianId={clinicianId}")),
            ("feed: month, whole practice", (r, s, n) => r.FeedAsync(n, s.Admin, Math.Max(10, feed / 4), practice.Month)),
            ($"feed: week, one clinician each, {options.Concurrency} concurrent", (r, s, n) => r.FeedAsync(n, s.Admin, 2 * feed,
                i => practice.Week(i) + $"&clinicianId={practice.Clinicians[i % practice.Clinicians.Count].Id}", options.Concurrency)),
            ($"series: group, weekly x{SeriesWeeks}", (r, s, n) => r.SeriesAsync(n, s.Admin, options.SeriesRequests, practice.GroupSeries)),
            ($"series: individual, weekly x{SeriesWeeks}", (r, s, n) => r.SeriesAsync(n, s.Admin, options.SeriesRequests, practice.IndividualSeries)),
        };

        var measured = new List<Measurement>();
        var starts = 0;
        AppProcess? app = null;
        try
        {
            foreach (var (name, run) in scenarios)
            {
                for (var attempt = 1; ; attempt++)
                {
                    if (app is null)
                    {
                        app = await AppProcess.StartAsync(options, connection, options.LogSql, $"load{(options.LogSql ? "-sql" : "")}-{++starts}");
                        Console.WriteLine($"App at {app.BaseAddress} (log: {app.LogPath})");
                    }

                    using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
                    try
                    {
                        var signed = new Signed(
                            await BenchStaff.SignInAsync(http, BenchStaff.AdminEmail),
                            await BenchStaff.SignInAsync(http, practice.Clinicians[0].Email));
                        var runner = new Runner(http, options.LogSql ? new SqlLog(app.LogPath, options.OutDir) : null);
                        measured.Add(await run(runner, signed, name));
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

        var table = new StringBuilder().AppendLine(header).AppendLine().AppendLine(Measurement.TableHeader);
        foreach (var m in measured)
        {
            table.AppendLine(m.TableRow());
        }

        var results = Path.Combine(options.OutDir, $"results-{options.Provider}{(options.LogSql ? "-sql" : "")}.md");
        await File.WriteAllTextAsync(results, table.ToString());
        Console.WriteLine();
        Console.WriteLine(table);
        Console.WriteLine($"Written to {results}{(options.LogSql ? $"; SQL per scenario in {options.OutDir}/sql-*.sql" : "")}.");
        return measured.Sum(m => m.Failures) == 0 ? 0 : 1;
    }

    /// <summary>Series creation adds rows: on SQLite the run works on a copy, so every run starts from the same practice.</summary>
    private static string CopyDatabase(BenchOptions options)
    {
        var copy = Path.Combine(options.OutDir, "load.db");
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
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
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
            Provider {options.Provider}{size}; {practice.Clinicians.Count} clinicians, {practice.AppointmentCount:N0} appointments, {practice.InviteeCount:N0} invitees.
            Machine: {Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.
            Load average before the run: {Measurement.ReadLoadAverage()}. Today in the practice: {practice.Today:uuuu-MM-dd}. SQL logging: {(options.LogSql ? "on (latencies include its cost)" : "off")}.
            """);
    }

    private sealed record Signed(AuthenticationHeaderValue Admin, AuthenticationHeaderValue Clinician);

    private sealed class Runner(HttpClient http, SqlLog? sql)
    {
        public async Task<Measurement> FeedAsync(
            string name, AuthenticationHeaderValue auth, int count, Func<int, string> query, int concurrency = 1)
        {
            return await MeasureAsync(name, FeedWarmup, count, concurrency, async i =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/appointments?" + query(i));
                request.Headers.Authorization = auth;
                return await SendAsync(request);
            }, CountAppointments);
        }

        public async Task<Measurement> SeriesAsync(string name, AuthenticationHeaderValue auth, int count, Func<int, AppointmentInput> input)
        {
            return await MeasureAsync(name, SeriesWarmup, count, 1, async i =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments") { Content = JsonContent.Create(input(i)) };
                request.Headers.Authorization = auth;
                return await SendAsync(request);
            }, CountBooked);
        }

        private static (int Items, int Warnings) CountAppointments(byte[] body)
        {
            using var json = JsonDocument.Parse(body);
            return (json.RootElement.GetArrayLength(), 0);
        }

        private static (int Items, int Warnings) CountBooked(byte[] body)
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return (root.GetProperty("appointments").GetArrayLength(), root.GetProperty("warnings").GetArrayLength());
        }

        private async Task<(bool Ok, byte[] Body)> SendAsync(HttpRequestMessage request)
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
            }

            return (response.IsSuccessStatusCode, body);
        }

        /// <summary>Request i of the warm-up and of the timed run are different requests (other weeks, other slots).</summary>
        private async Task<Measurement> MeasureAsync(
            string name, int warmup, int count, int concurrency,
            Func<int, Task<(bool Ok, byte[] Body)>> send, Func<byte[], (int Items, int Warnings)> inspect)
        {
            Console.Write($"{name}: warming up…");
            for (var i = 0; i < warmup; i++)
            {
                await send(i);
            }

            Console.Write(" measuring…");
            var mark = sql?.Mark() ?? 0;
            var latencies = new double[count];
            var bodies = new (bool Ok, byte[] Body)[count];
            var next = -1;
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    var started = Stopwatch.GetTimestamp();
                    bodies[i] = await send(warmup + i);
                    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }));
            wall.Stop();

            var inspected = bodies.Where(b => b.Ok).Select(b => inspect(b.Body)).ToList();
            var summary = sql is null ? null : await sql.SummarizeAsync(mark, count, name);
            var m = new Measurement(name, latencies, wall.Elapsed.TotalSeconds, concurrency,
                bodies.Count(b => !b.Ok),
                inspected.Count == 0 ? 0 : inspected.Average(x => x.Items),
                bodies.Average(b => b.Body.Length) / 1024.0,
                inspected.Sum(x => x.Warnings),
                summary,
                Measurement.ReadLoadAverage());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $" p50 {m.Percentile(50):0.0} ms, p95 {m.Percentile(95):0.0} ms, {count / m.WallSeconds:0.0} req/s (load average {m.LoadAverage})"));
            return m;
        }
    }

    /// <summary>The ids the scenarios need, read from the generated database before the app starts.</summary>
    private sealed record GeneratedPractice(
        DateTimeZone Zone,
        LocalDate Today,
        IReadOnlyList<(string Id, string Email)> Clinicians,
        IReadOnlyDictionary<string, List<string>> GroupsByClinician,
        IReadOnlyDictionary<string, List<string>> ClientsByClinician,
        int AppointmentCount,
        int InviteeCount)
    {
        public static async Task<GeneratedPractice> ReadAsync(BenchOptions options, string connection)
        {
            await using var db = options.CreateDbContext(connection);
            var zone = (await db.Practices.AsNoTracking().SingleAsync()).Zone;
            var clinicians = await db.Clinicians.AsNoTracking()
                .Join(db.Users, c => c.UserId, u => u.Id, (c, u) => new { c.Id, u.Email })
                .Where(c => c.Email!.EndsWith("@" + BenchStaff.Domain))
                .OrderBy(c => c.Email)
                .ToListAsync();
            if (clinicians.Count == 0)
            {
                throw new InvalidOperationException("No generated practice in this database: run `generate` first.");
            }

            var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Id, g.ClinicianId }).ToListAsync();
            var clients = await db.Clients.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.ClinicianId }).ToListAsync();
            return new GeneratedPractice(
                zone,
                Instant.FromDateTimeOffset(TimeProvider.System.GetUtcNow()).InZone(zone).Date,
                [.. clinicians.Select(c => (c.Id, c.Email!))],
                groups.GroupBy(g => g.ClinicianId).ToDictionary(g => g.Key, g => g.Select(x => x.Id).ToList()),
                clients.GroupBy(c => c.ClinicianId).ToDictionary(c => c.Key, c => c.Select(x => x.Id).ToList()),
                await db.Appointments.CountAsync(),
                await db.Set<Invitee>().CountAsync());
        }

        /// <summary>Calendar weeks (Monday to Sunday) from half a year back to half a year ahead, one per request.</summary>
        public string Week(int i)
        {
            var from = Today.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)).PlusWeeks((i % 52) - 26);
            return Range(from, from.PlusDays(6));
        }

        /// <summary>Calendar months from six months back to five ahead.</summary>
        public string Month(int i)
        {
            var first = new LocalDate(Today.Year, Today.Month, 1).PlusMonths((i % 12) - 6);
            return Range(first, first.PlusMonths(1).PlusDays(-1));
        }

        /// <summary>
        /// Series i goes to clinician i mod n, on a Saturday (groups) or Sunday (individuals) from next
        /// week, at a two-hourly slot of its own: the slots are free, so the conflict query finds the
        /// clinician's weekday sessions in range but reports nothing.
        /// </summary>
        public AppointmentInput GroupSeries(int i)
        {
            var (clinicianId, slot) = Assign(i);
            var groups = GroupsByClinician[clinicianId];
            return Series("group", clinicianId, "90853", groups[slot % groups.Count], null, IsoDayOfWeek.Saturday, slot, 90);
        }

        public AppointmentInput IndividualSeries(int i)
        {
            var (clinicianId, slot) = Assign(i);
            var clients = ClientsByClinician[clinicianId];
            return Series("individual", clinicianId, "90834", null, clients[slot % clients.Count], IsoDayOfWeek.Sunday, slot, 45);
        }

        private (string ClinicianId, int Slot) Assign(int i) => (Clinicians[i % Clinicians.Count].Id, i / Clinicians.Count);

        private AppointmentInput Series(string kind, string clinicianId, string code, string? groupId, string? clientId,
            IsoDayOfWeek day, int slot, int minutes)
        {
            var date = Today.PlusDays(7).With(DateAdjusters.NextOrSame(day));
            var start = Appointment.Resolve(date + new LocalTime(6 + (2 * (slot % 8)), 0), Zone);
            return new AppointmentInput(kind, clinicianId, code, groupId, clientId,
                OffsetDateTimePattern.Rfc3339.Format(start.ToOffsetDateTime()), minutes, null, null, null,
                new RecurrenceInput("weekly", 1, SeriesWeeks, null));
        }

        private static string Range(LocalDate from, LocalDate to) =>
            $"from={LocalDatePattern.Iso.Format(from)}&to={LocalDatePattern.Iso.Format(to)}";
    }
}
