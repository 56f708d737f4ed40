using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NodaTime;

namespace Caseload.Bench;

/// <summary>
/// The floor under the calendar feed: the same rows (a clinician's appointments of one week, each
/// invitee with their name, the group's name, the clinician's colour, the note's status and whether a
/// payment was taken) read by one hand-written join over the existing indexes, with ADO.NET, in
/// the bench process, on the same database and in the same run as the feed.
/// </summary>
internal static class RawFeed
{
    /// <remarks>
    /// Invoices are found through the unique index on (AppointmentId, ClientId, Kind), which holds
    /// live invoices only: hence the status condition (a void invoice never holds a payment).
    /// </remarks>
    public const string Sql = """
        SELECT a."Id", a."Kind", a."ClinicianId", a."ServiceCode", a."GroupId", a."SeriesId", a."Start", a."StartsAt", a."EndsAt",
               a."DurationMinutes", a."Location", a."Memo", a."Status", a."Version",
               i."ClientId", i."Status", i."CreateInvoice", c."FirstName", c."LastName", g."Name", k."Color", n."Status",
               EXISTS (SELECT 1 FROM "Invoices" v JOIN "Allocation" al ON al."InvoiceId" = v."Id"
                       WHERE v."AppointmentId" = a."Id" AND v."Status" <> 'Void') AS "HasPayment"
        FROM "Appointments" a
        JOIN "Invitee" i ON i."AppointmentId" = a."Id"
        JOIN "Clients" c ON c."Id" = i."ClientId"
        LEFT JOIN "Groups" g ON g."Id" = a."GroupId"
        LEFT JOIN "Clinicians" k ON k."Id" = a."ClinicianId"
        LEFT JOIN "Notes" n ON n."AppointmentId" = a."Id"
        WHERE a."ClinicianId" = @clinician AND a."StartsAt" > @earliest AND a."StartsAt" < @end AND a."EndsAt" > @start
        ORDER BY a."StartsAt", a."Id"
        """;

    public static async Task<Measurement> MeasureAsync(BenchOptions options, string connectionString, GeneratedPractice practice, int warmup, int count)
    {
        var loadBefore = Measurement.ReadLoadAverage();
        Console.Write($"{Measurement.RawSql}: warming up…");
        await using var connection = options.IsPostgres ? (DbConnection)new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var clinicianId = practice.Clinicians[0].Id;
        // As long as the feed's warm-up: the same share of the run to load the code and the database pages.
        var warming = Stopwatch.StartNew();
        var warmed = 0;
        for (; warmed < warmup || warming.Elapsed.TotalSeconds < options.WarmupSeconds; warmed++)
        {
            await ReadWeekAsync(connection, options.IsPostgres, practice, clinicianId, warmed);
        }

        Console.Write(" measuring…");
        var latencies = new double[count];
        var appointments = 0;
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            appointments += await ReadWeekAsync(connection, options.IsPostgres, practice, clinicianId, warmed + i);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var m = Measurement.FromLatencies(Measurement.RawSql, practice.AppointmentCount, latencies, latencies.Sum() / 1000, 1, 0,
            (double)appointments / count, loadBefore, note: "ADO.NET, same rows as the feed");
        Scenarios.Report(m);
        return m;
    }

    /// <summary>Reads every value of week i's rows, as the feed would; returns how many appointments it held.</summary>
    private static async Task<int> ReadWeekAsync(DbConnection connection, bool postgres, GeneratedPractice practice, string clinicianId, int i)
    {
        var from = practice.WeekStart(i);
        var start = from.AtStartOfDayInZone(practice.Zone).ToInstant();
        var end = from.PlusDays(7).AtStartOfDayInZone(practice.Zone).ToInstant();
        var earliest = start - Duration.FromMinutes(Caseload.Domain.Scheduling.SessionSlot.MaxMinutes);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        Add(command, "clinician", clinicianId);
        Add(command, "earliest", Value(earliest, postgres));
        Add(command, "end", Value(end, postgres));
        Add(command, "start", Value(start, postgres));
        var ids = new HashSet<string>();
        var values = new object[23];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            ids.Add((string)values[0]);
        }

        return ids.Count;
    }

    /// <summary>Instants as the app stores them: Unix ticks on SQLite, timestamptz on PostgreSQL.</summary>
    private static object Value(Instant instant, bool postgres) => postgres ? instant.ToDateTimeUtc() : instant.ToUnixTimeTicks();

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
