using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Caseload.Bench;

/// <summary>
/// The scenarios of one practice, in the order they run on one app instance. Each is warmed up,
/// then timed; a latency runs from sending a request to having read the whole answer.
/// </summary>
internal static class Scenarios
{
    public static IReadOnlyList<(string Name, Func<Target, Task<Measurement>> Run)> All(
        BenchOptions options, GeneratedPractice practice, string connection)
    {
        var size = practice.AppointmentCount;
        var first = practice.Clinicians[0].Id;
        var feed = options.FeedRequests;
        var pages = options.PageRequests;
        // A tenth of the timed requests, 3 to 20: enough to load the code and the database pages.
        var warmup = Math.Clamp(Math.Min(feed, pages) / 10, 3, 20);
        // None for a single series: the page and attendance scenarios before it have loaded most of its code.
        var seriesWarmup = Math.Clamp(options.SeriesRequests / 10, 0, 3);
        var pairs = practice.GroupSessions.SelectMany(s => s.ClientIds.Select(c => (s.AppointmentId, ClientId: c))).ToList();
        var groupSize = PracticeGenerator.MembersPerGroup;
        string FeedPath(int i, string clinicianId) => $"/api/v1/appointments?{practice.Week(i)}&clinicianId={clinicianId}";
        return
        [
            (Measurement.RawSql, t => RawFeed.MeasureAsync(options, connection, practice, warmup, feed)),
            (Measurement.FeedWeek, t => SequentialAsync(Measurement.FeedWeek, size, warmup, feed, t, async i =>
                await GetAsync(t.Http, FeedPath(i, first), t.Signed.Admin, CountArray), warmupSeconds: options.WarmupSeconds)),
            ("feed: throughput", t => FeedThroughput.MeasureAsync(options, practice, t, FeedPath)),
            ("appointment page (group)", t => SequentialAsync("appointment page (group)", size, warmup, pages, t, async i =>
                await GetAsync(t.Http, $"/Appointments/{practice.GroupSessions[i % practice.GroupSessions.Count].AppointmentId}",
                    t.Signed.Clinician, _ => groupSize), note: $"group of {groupSize}, HTML, as the clinician", warmupSeconds: options.WarmupSeconds)),
            ("attendance: mark attended", t => SequentialAsync("attendance: mark attended", size, warmup, pages, t,
                async i => await SendAsync(t.Http, HttpMethod.Post, AttendedPath(pairs[i % pairs.Count]), t.Signed.Clinician, null, _ => 1),
                before: async i => await SendAsync(t.Http, HttpMethod.Delete, AttendedPath(pairs[i % pairs.Count]), t.Signed.Clinician, null, _ => 1),
                note: $"group of {groupSize}, API, as the clinician", warmupSeconds: options.WarmupSeconds)),
            ($"series: group, weekly x{GeneratedPractice.SeriesWeeks}", t => SequentialAsync(
                $"series: group, weekly x{GeneratedPractice.SeriesWeeks}", size, seriesWarmup, options.SeriesRequests, t, async i =>
                    await SendAsync(t.Http, HttpMethod.Post, "/api/v1/appointments", t.Signed.Admin, JsonContent.Create(practice.GroupSeries(i)), CountBooked),
                note: "12 invitees, conflict check")),
        ];

        static string AttendedPath((string AppointmentId, string ClientId) pair) =>
            $"/api/v1/appointments/{pair.AppointmentId}/invitees/{pair.ClientId}/attended";
    }

    /// <summary>One client for all scenarios, with as many connections as the throughput scenario's clients.</summary>
    public static HttpClient Client(Uri baseAddress, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    })
    {
        BaseAddress = baseAddress,
        Timeout = RequestTimeout,
    };

    /// <summary>How long one request may take before it counts as failed: long enough for the slowest before the fixes.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(30);

    public static async Task<(bool Ok, double Items)> GetAsync(HttpClient http, string path, AuthenticationHeaderValue auth, Func<byte[], double> inspect) =>
        await SendAsync(http, HttpMethod.Get, path, auth, null, inspect);

    public static double CountArray(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetArrayLength();
    }

    private static double CountBooked(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var warnings = root.GetProperty("warnings").GetArrayLength();
        if (warnings > 0)
        {
            Console.Error.WriteLine($"The series was booked with {warnings} conflict warnings: its slot was not free.");
        }

        return root.GetProperty("appointments").GetArrayLength();
    }

    private static async Task<(bool Ok, double Items)> SendAsync(
        HttpClient http, HttpMethod method, string path, AuthenticationHeaderValue auth, HttpContent? content, Func<byte[], double> inspect)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = auth;
        HttpResponseMessage response;
        byte[] body;
        try
        {
            response = await http.SendAsync(request);
            body = await response.Content.ReadAsByteArrayAsync();
        }
        catch (TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{method} {path}: no answer within {RequestTimeout.TotalMinutes:0} minutes.");
            return (false, 0);
        }

        using var disposing = response;
        if (!response.IsSuccessStatusCode)
        {
            await Console.Error.WriteLineAsync($"{method} {path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body[..Math.Min(body.Length, 500)])}");
            return (false, 0);
        }

        return (true, body.Length == 0 ? 0 : inspect(body));
    }

    /// <summary>
    /// Request i of the warm-up and of the timed run are different requests (other weeks, other slots, other members).
    /// The warm-up is <paramref name="warmup"/> requests, and goes on for <paramref name="warmupSeconds"/> if that is longer.
    /// </summary>
    private static async Task<Measurement> SequentialAsync(
        string name, int appointments, int warmup, int count, Target target,
        Func<int, Task<(bool Ok, double Items)>> timed, Func<int, Task<(bool Ok, double Items)>>? before = null, string? note = null,
        int warmupSeconds = 0)
    {
        var loadBefore = Measurement.ReadLoadAverage();
        Console.Write($"{name}: warming up…");
        var failures = 0;
        var warming = Stopwatch.StartNew();
        var warmed = 0;
        for (; warmed < warmup || warming.Elapsed.TotalSeconds < warmupSeconds; warmed++)
        {
            if (before is not null)
            {
                await before(warmed);
            }

            failures += (await timed(warmed)).Ok ? 0 : 1;
        }

        Console.Write(" measuring…");
        var sql = target.Sql;
        var mark = sql?.Mark() ?? 0;
        var cpuBefore = Measurement.CpuMilliseconds(target.App.ProcessId);
        var latencies = new double[count];
        var items = 0.0;
        for (var i = 0; i < count; i++)
        {
            if (before is not null && !(await before(warmed + i)).Ok)
            {
                failures++;
            }

            var started = Stopwatch.GetTimestamp();
            var (ok, n) = await timed(warmed + i);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            failures += ok ? 0 : 1;
            items += n;
        }

        var cpu = Measurement.CpuMilliseconds(target.App.ProcessId) - cpuBefore;
        var summary = sql is null ? null : await sql.SummarizeAsync(mark, count, name);
        var m = Measurement.FromLatencies(name, appointments, latencies, latencies.Sum() / 1000, 1, failures, items / count, loadBefore, summary,
            note: note, serverCpuMs: cpu / count);
        Report(m);
        return m;
    }

    public static void Report(Measurement m) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $" p50 {m.P50:0.00} ms, p95 {m.P95:0.00} ms, {m.Rate:0.0}/s, server CPU {m.ServerCpuMs:0.00} ms/request, {m.Failures} failed (load average {m.LoadAverage})"));
}
