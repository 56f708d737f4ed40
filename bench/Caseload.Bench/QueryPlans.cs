using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Caseload.Domain.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;

namespace Caseload.Bench;

/// <summary>
/// Where the time goes: takes the SQL that a <c>load --log-sql</c> run captured (the calendar feed and
/// the conflict check), binds a week of the generated practice, and prints the database's own plan and
/// timings. Runs through the same client library as the app, so SQLite's plan is that of the SQLite the app ships.
/// </summary>
internal static partial class QueryPlans
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var statements = Directory.Exists(options.OutDir)
            ? Directory.GetFiles(options.OutDir, "sql-*.sql").Order().SelectMany(Statements)
                .Where(s => s.Contains("@start", StringComparison.Ordinal) || s.Contains("@last", StringComparison.Ordinal))
                .Distinct().ToList()
            : [];
        if (statements.Count == 0)
        {
            await Console.Error.WriteLineAsync($"No captured SQL in {options.OutDir}: run `load --log-sql` with the same --out first.");
            return 1;
        }

        var values = await BindingsAsync(options);
        await using var connection = options.IsPostgres
            ? (DbConnection)new NpgsqlConnection(options.ConnectionString)
            : new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        Console.WriteLine($"{connection.GetType().Name} {connection.ServerVersion}; week {values["start"]} to {values["end"]}");
        foreach (var sql in statements)
        {
            Console.WriteLine();
            Console.WriteLine(sql);
            Console.WriteLine();
            var explain = options.IsPostgres ? "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " : "EXPLAIN QUERY PLAN ";
            await using (var plan = Command(connection, explain + sql, values, options.IsPostgres))
            await using (var reader = await plan.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    Console.WriteLine(options.IsPostgres ? reader.GetString(0) : $"{reader.GetInt32(0),4} {reader.GetInt32(1),4}  {reader.GetString(3)}");
                }
            }

            var timings = new List<string>();
            for (var run = 0; run < 5; run++)
            {
                await using var query = Command(connection, sql, values, options.IsPostgres);
                var watch = Stopwatch.StartNew();
                var rows = 0;
                await using (var reader = await query.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        rows++;
                    }
                }

                timings.Add($"{watch.Elapsed.TotalMilliseconds:0.0} ms ({rows} rows)");
            }

            Console.WriteLine($"-- five runs: {string.Join(", ", timings)}");
        }

        return 0;
    }

    /// <summary>This week and the first clinician for the feed; that clinician's first group over 52 weeks for the conflict check.</summary>
    private static async Task<Dictionary<string, object>> BindingsAsync(BenchOptions options)
    {
        await using var db = options.CreateDbContext();
        var zone = (await db.Practices.AsNoTracking().SingleAsync()).Zone;
        var clinicianId = await db.Clinicians.Join(db.Users, c => c.UserId, u => u.Id, (c, u) => new { c.Id, u.Email })
            .Where(c => c.Email == BenchStaff.ClinicianEmail(0)).Select(c => c.Id).SingleAsync();
        var group = await db.Groups.AsNoTracking().Include(g => g.Memberships)
            .Where(g => g.ClinicianId == clinicianId).OrderBy(g => g.Name).FirstAsync();
        var today = Instant.FromDateTimeOffset(TimeProvider.System.GetUtcNow()).InZone(zone).Date;
        var monday = today.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        var saturday = Appointment.Resolve(today.PlusDays(7).With(DateAdjusters.NextOrSame(IsoDayOfWeek.Saturday)) + new LocalTime(8, 0), zone);
        return new Dictionary<string, object>
        {
            ["start"] = monday.AtStartOfDayInZone(zone).ToInstant(),
            ["earliest"] = monday.AtStartOfDayInZone(zone).ToInstant() - Duration.FromMinutes(SessionSlot.MaxMinutes),
            ["end"] = monday.PlusWeeks(1).AtStartOfDayInZone(zone).ToInstant(),
            ["clinicianId"] = clinicianId,
            ["mine"] = clinicianId, // the clinician's own calendar (Caseloads)
            ["first"] = saturday.ToInstant(),
            ["last"] = saturday.ToInstant() + Duration.FromDays(7 * 51) + Duration.FromMinutes(90),
            ["clientIds"] = group.Memberships.Select(m => m.ClientId).ToArray(),
        };
    }

    private static DbCommand Command(DbConnection connection, string sql, Dictionary<string, object> values, bool postgres)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in Parameter().Matches(sql).Select(m => m.Groups[1].Value).Distinct())
        {
            // EF writes a list as @clientIds (PostgreSQL, an array) or @clientIds1, @clientIds2, … (SQLite, padded with the last).
            var item = ListItem().Match(name);
            var value = values[item.Success ? item.Groups[1].Value : name];
            if (item.Success && value is string[] ids)
            {
                value = ids[Math.Min(int.Parse(item.Groups[2].Value, CultureInfo.InvariantCulture) - 1, ids.Length - 1)];
            }

            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value switch
            {
                Instant instant when postgres => instant.ToDateTimeUtc(),
                Instant instant => instant.ToUnixTimeTicks(),
                _ => value,
            };
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>The statements of one captured file: each follows a "-- N executions" line.</summary>
    private static IEnumerable<string> Statements(string file) =>
        File.ReadAllText(file).Split("\n\n").Select(block => string.Join('\n', block.Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal))).Trim())
            .Where(s => s.StartsWith("SELECT", StringComparison.Ordinal));

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"^(\w+?)(\d+)$")]
    private static partial Regex ListItem();
}
