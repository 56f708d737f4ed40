using System.Globalization;

namespace Caseload.Bench;

/// <summary>
/// One scenario at one scale: latency percentiles of the timed requests (client side, over loopback),
/// what came back, how many failed, the app's CPU time per timed request, and the machine's load average before and after.
/// On a shared machine the CPU time is the steadier figure: waiting for a core adds to a latency, not to it.
/// </summary>
internal sealed record Measurement(
    string Name,
    int Appointments,
    int Requests,
    int Concurrency,
    double? P50,
    double? P95,
    double? P99,
    double Rate,
    int Failures,
    double AverageItems,
    double? PeakRssMiB,
    SqlSummary? Sql,
    string LoadAverage,
    string? Note = null,
    double? ServerCpuMs = null)
{
    /// <summary>The scenario the "÷ raw SQL" column divides the feed by.</summary>
    public const string RawSql = "raw SQL: week, one clinician";

    /// <summary>The feed scenario whose p95 the raw SQL baseline is the floor of.</summary>
    public const string FeedWeek = "feed: week, one clinician";

    public const string TableHeader = """
        | scenario | appointments | requests | conc. | items/resp. | p50 ms | p95 ms | p99 ms | req/s | peak RSS MiB | failures | server CPU ms/req | p95 ÷ raw SQL | p95 ÷ smallest | load avg before→after |
        | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
        """;

    public static Measurement FromLatencies(
        string name, int appointments, IReadOnlyList<double> latencies, double wallSeconds, int concurrency, int failures,
        double averageItems, string loadBefore, SqlSummary? sql = null, double? peakRssMiB = null, string? note = null, double? serverCpuMs = null)
    {
        var sorted = latencies.Order().ToList();
        double? At(double p) => sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
        return new Measurement(name, appointments, latencies.Count, concurrency, At(50), At(95), At(99),
            latencies.Count / wallSeconds, failures, averageItems, peakRssMiB, sql, $"{loadBefore}→{ReadLoadAverage()}", note, serverCpuMs);
    }

    /// <summary>A row with ratio columns: this p95 over the raw SQL p95 of the same run, and over the same scenario's at the smallest scale.</summary>
    public string TableRow(Measurement? raw, Measurement? smallest) => string.Create(CultureInfo.InvariantCulture,
        $"| {Name}{(Note is null ? "" : $" ({Note})")} | {(Appointments == 0 ? "–" : Appointments.ToString("N0", CultureInfo.InvariantCulture))} | {Requests:N0} | {Concurrency} | {AverageItems:0.#} | {Ms(P50)} | {Ms(P95)} | {Ms(P99)} | " +
        $"{Rate:N0} | {(PeakRssMiB is { } rss ? rss.ToString("N0", CultureInfo.InvariantCulture) : "–")} | {Failures} | {Ms(ServerCpuMs)} | " +
        $"{Ratio(P95, Name == FeedWeek ? raw?.P95 : null)} | {Ratio(P95, smallest is not null && smallest != this ? smallest.P95 : null)} | {LoadAverage} |");

    private static string Ms(double? ms) => ms is { } v ? v.ToString(v < 10 ? "0.00" : "N1", CultureInfo.InvariantCulture) : "–";

    private static string Ratio(double? value, double? by) =>
        value is { } v && by is { } b && b > 0 ? (v / b).ToString("0.0", CultureInfo.InvariantCulture) + "×" : "–";

    /// <summary>The CPU time a process has used so far (user and system, from /proc/&lt;pid&gt;/stat), in milliseconds; null where there is no /proc.</summary>
    public static double? CpuMilliseconds(int processId)
    {
        var stat = $"/proc/{processId}/stat";
        if (!File.Exists(stat))
        {
            return null;
        }

        // Fields 14 and 15 (utime, stime) in clock ticks, counted after the command name, which may hold spaces.
        var text = File.ReadAllText(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 1000.0 / ClockTicksPerSecond;
    }

    /// <summary>USER_HZ, 100 on Linux on every architecture .NET runs on.</summary>
    private const double ClockTicksPerSecond = 100;

    /// <summary>The machine's one-minute load average: other work on a shared machine shows up in the latencies.</summary>
    public static string ReadLoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "–";
}
