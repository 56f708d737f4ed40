using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Caseload.Bench;

/// <summary>
/// The feed under load: N clients at once for a fixed time, each asking a different clinician's
/// weeks, one request after another. Driven by wrk when it is installed (it takes a small share of
/// the two cores, so the server gets the rest), else by a loop of HttpClient requests in this process.
/// The server's resident memory is sampled meanwhile and its peak reported.
/// </summary>
internal static class FeedThroughput
{
    public const string Name = "feed: throughput, one clinician's week each";

    public static async Task<Measurement> MeasureAsync(BenchOptions options, GeneratedPractice practice, Target target, Func<int, string, string> feedPath)
    {
        // Client c asks clinician c's weeks (clinicians repeat only when the practice has fewer than the clients).
        string PathOf(int client, int k) => feedPath((client * 7) + k, practice.Clinicians[client % practice.Clinicians.Count].Id);

        Console.Write($"{Name}: warming up…");
        // The same load, not measured but its failures counted: a few seconds of it let the runtime compile the
        // request path to its final tier, which a long-running server has long done.
        var warmupFailures = 0;
        if (options.WarmupSeconds > 0)
        {
            warmupFailures = options.ThroughputClient == "wrk"
                ? (await WrkAsync(options, target, PathOf, options.WarmupSeconds)).Failures
                : (await LoopAsync(options, target, PathOf, options.WarmupSeconds)).Failures;
        }

        var loadBefore = Measurement.ReadLoadAverage();
        Console.Write(" measuring…");
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakRssAsync(target.App.ProcessId, sampling.Token);
        var cpuBefore = Measurement.CpuMilliseconds(target.App.ProcessId);
        Measurement m;
        if (options.ThroughputClient == "wrk")
        {
            var (requests, failures, seconds, p50, p95, p99) = await WrkAsync(options, target, PathOf, options.DurationSeconds);
            await sampling.CancelAsync();
            var cpu = Measurement.CpuMilliseconds(target.App.ProcessId) - cpuBefore;
            var (_, items) = await Scenarios.GetAsync(target.Http, PathOf(0, 0), target.Signed.Admin, Scenarios.CountArray);
            var none = requests == 0;
            m = new Measurement(Name, practice.AppointmentCount, requests, options.Concurrency,
                none ? null : p50, none ? null : p95, none ? null : p99, requests / seconds, warmupFailures + failures, items,
                await peak, null, $"{loadBefore}→{Measurement.ReadLoadAverage()}", "wrk", none ? null : cpu / requests);
        }
        else
        {
            var (latencies, failures, seconds, items) = await LoopAsync(options, target, PathOf, options.DurationSeconds);
            await sampling.CancelAsync();
            var cpu = Measurement.CpuMilliseconds(target.App.ProcessId) - cpuBefore;
            m = Measurement.FromLatencies(Name, practice.AppointmentCount, latencies, seconds, options.Concurrency, warmupFailures + failures, items,
                loadBefore, peakRssMiB: await peak, note: "HttpClient", serverCpuMs: latencies.Count == 0 ? null : cpu / latencies.Count);
        }

        Scenarios.Report(m);
        return m;
    }

    private static async Task<(List<double> Latencies, int Failures, double Seconds, double Items)> LoopAsync(
        BenchOptions options, Target target, Func<int, int, string> pathOf, int durationSeconds)
    {
        var until = Stopwatch.GetTimestamp() + (long)(durationSeconds * (double)Stopwatch.Frequency);
        var wall = Stopwatch.StartNew();
        var clients = await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async c =>
        {
            var latencies = new List<double>();
            var failures = 0;
            double items = 0;
            for (var k = 0; Stopwatch.GetTimestamp() < until; k++)
            {
                var started = Stopwatch.GetTimestamp();
                var (ok, n) = await Scenarios.GetAsync(target.Http, pathOf(c, k), target.Signed.Admin, Scenarios.CountArray);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                failures += ok ? 0 : 1;
                items += n;
            }

            return (latencies, failures, items);
        }));
        wall.Stop();
        var all = clients.SelectMany(c => c.latencies).ToList();
        return (all, clients.Sum(c => c.failures), wall.Elapsed.TotalSeconds, clients.Sum(c => c.items) / Math.Max(1, all.Count));
    }

    /// <summary>
    /// wrk with one thread and N connections; its script takes the paths in turn, so consecutive
    /// requests ask different clinicians, and prints the counts and percentiles at the end.
    /// </summary>
    private static async Task<(int Requests, int Failures, double Seconds, double P50, double P95, double P99)> WrkAsync(
        BenchOptions options, Target target, Func<int, int, string> pathOf, int durationSeconds)
    {
        var paths = Enumerable.Range(0, 13).SelectMany(k => Enumerable.Range(0, options.Concurrency).Select(c => pathOf(c, k))).ToList();
        var script = Path.Combine(options.OutDir, "feed-throughput.lua");
        await File.WriteAllTextAsync(script, $$"""
            local paths = { {{string.Join(", ", paths.Select(p => $"\"{p}\""))}} }
            local i = 0
            wrk.headers["Authorization"] = "{{target.Signed.Admin}}"
            request = function()
              i = i + 1
              return wrk.format("GET", paths[(i % #paths) + 1])
            end
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("RESULT %d %d %d %.3f %.3f %.3f\n", summary.requests, summary.duration,
                e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
            end
            """);
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-t1", $"-c{options.Concurrency}", $"-d{durationSeconds}s", "--timeout", "60s", "-s", script, target.App.BaseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        using var wrk = Process.Start(start)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        var errors = await wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var result = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk gave no result: {output}{errors}");
        var f = result.Split(' ');
        var requests = int.Parse(f[1], CultureInfo.InvariantCulture);
        var seconds = long.Parse(f[2], CultureInfo.InvariantCulture) / 1e6;
        var failures = int.Parse(f[3], CultureInfo.InvariantCulture);
        return (requests, failures, seconds, Ms(f[4]), Ms(f[5]), Ms(f[6]));

        static double Ms(string text) => double.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>The highest VmRSS of the process seen every 50 ms until cancelled, in MiB.</summary>
    private static async Task<double?> SamplePeakRssAsync(int pid, CancellationToken ct)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        long peakKb = 0;
        while (!ct.IsCancellationRequested)
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kb))
            {
                peakKb = Math.Max(peakKb, kb);
            }

            try
            {
                await Task.Delay(50, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return peakKb / 1024.0;
    }
}
