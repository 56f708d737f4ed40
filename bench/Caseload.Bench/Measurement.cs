using System.Globalization;

namespace Caseload.Bench;

/// <summary>One scenario's timed requests: latency percentiles, throughput, and what came back.</summary>
internal sealed record Measurement(
    string Name,
    IReadOnlyList<double> LatenciesMs,
    double WallSeconds,
    int Concurrency,
    int Failures,
    double AverageItems,
    double AverageKilobytes,
    int Warnings,
    SqlSummary? Sql,
    string LoadAverage)
{
    public const string TableHeader = """
        | scenario | requests | conc. | items/resp. | KB/resp. | p50 ms | p95 ms | max ms | req/s | SQL cmds/req | SQL ms/req | failures | load avg |
        | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
        """;

    public double Percentile(double p)
    {
        var sorted = LatenciesMs.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
    }

    public string TableRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {LatenciesMs.Count} | {Concurrency} | {AverageItems:0.#} | {AverageKilobytes:0.#} | {Percentile(50):0.0} | {Percentile(95):0.0} | " +
        $"{LatenciesMs.Max():0.0} | {LatenciesMs.Count / WallSeconds:0.0} | {Sql?.CommandsPerRequest.ToString("0.#", CultureInfo.InvariantCulture) ?? "–"} | " +
        $"{Sql?.MillisecondsPerRequest.ToString("0.0", CultureInfo.InvariantCulture) ?? "–"} | {Failures}{(Warnings > 0 ? $" ({Warnings} warnings)" : "")} | {LoadAverage} |");

    /// <summary>The machine's one-minute load average: other work on a shared machine shows up in the latencies.</summary>
    public static string ReadLoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "–";
}
