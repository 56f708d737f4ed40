using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Caseload.Domain.Billing;
using Caseload.Web.Api.Scheduling;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Bench;

/// <summary>
/// A long mixed load against several app instances on one database, as a practice's day is: calendar reads, bookings,
/// payments and note autosaves from concurrent clients, each request to the next instance in turn. Reports the
/// throughput and p95 of each kind per minute and over the run, and each instance's resident memory (RSS) with its
/// growth per minute after the first minute (start-up and warm-up grow it anyway): a leak shows as a slope that stays.
/// </summary>
internal static class Soak
{
    private enum Kind
    {
        CalendarRead,
        Booking,
        Payment,
        NoteAutosave,
    }

    /// <summary>Of every 20 requests: 12 calendar reads, 3 bookings, 3 payments, 2 autosaves (a clinician saves a draft every few seconds while writing, but few write at once).</summary>
    private static readonly Kind[] Mix =
    [
        .. Enumerable.Repeat(Kind.CalendarRead, 12), .. Enumerable.Repeat(Kind.Booking, 3),
        .. Enumerable.Repeat(Kind.Payment, 3), .. Enumerable.Repeat(Kind.NoteAutosave, 2),
    ];

    private sealed record Done(Kind Kind, double Seconds, double Milliseconds, bool Ok);

    private sealed record RssSample(int Instance, double Seconds, double MiB);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        Directory.CreateDirectory(options.OutDir);
        var connection = options.InPlace ? options.ConnectionString : await LoadHarness.CopyAsync(options);
        var practice = await GeneratedPractice.ReadAsync(options, connection);
        var invoices = await OpenInvoicesAsync(options, connection);
        if (invoices.Count == 0 || practice.GroupSessions.Count == 0)
        {
            throw new InvalidOperationException("The practice has no open invoice or no past group session to write a note for: generate it again.");
        }

        var header = string.Create(CultureInfo.InvariantCulture, $"""
            Soak on {options.Provider}: {options.Instances} instances on one database, {options.Concurrency} clients for {options.Minutes} minutes.
            Practice: {practice.Clinicians.Count} clinicians, {practice.AppointmentCount:N0} appointments, {practice.InvoiceCount:N0} invoices ({invoices.Count} open ones paid a cent at a time).
            Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; load average before: {Measurement.ReadLoadAverage()}.
            """);
        Console.WriteLine(header);

        var apps = new List<AppProcess>();
        try
        {
            for (var i = 0; i < options.Instances; i++)
            {
                apps.Add(await AppProcess.StartAsync(options, connection, false, $"soak-{options.Provider}-{i + 1}"));
                Console.WriteLine($"Instance {i + 1} at {apps[^1].BaseAddress} (pid {apps[^1].ProcessId}, log {apps[^1].LogPath})");
            }

            var clients = apps.Select(a => Scenarios.Client(a.BaseAddress, options.Concurrency)).ToList();
            var admin = await BenchStaff.SignInAsync(clients[0], BenchStaff.AdminEmail);
            var clinician = await BenchStaff.SignInAsync(clients[0], practice.Clinicians[0].Email);
            var done = new ConcurrentQueue<Done>();
            var rss = new ConcurrentQueue<RssSample>();
            var clock = Stopwatch.StartNew();
            var length = TimeSpan.FromMinutes(options.Minutes);
            var next = -1;
            var booking = -1;
            var payment = -1;

            async Task WorkerAsync(int worker)
            {
                var random = new Random(worker);
                while (clock.Elapsed < length)
                {
                    var n = Interlocked.Increment(ref next);
                    var http = clients[n % clients.Count];
                    var kind = Mix[random.Next(Mix.Length)];
                    var started = clock.Elapsed;
                    var ok = kind switch
                    {
                        Kind.CalendarRead => await SendAsync(http, HttpMethod.Get, CalendarPath(practice, n), admin, null),
                        Kind.Booking => await SendAsync(http, HttpMethod.Post, "/api/v1/appointments", admin,
                            JsonContent.Create(Booking(practice, Interlocked.Increment(ref booking)))),
                        Kind.Payment => await SendAsync(http, HttpMethod.Post, "/api/v1/payments", admin, JsonContent.Create(new
                        {
                            invoiceId = invoices[Interlocked.Increment(ref payment) % invoices.Count],
                            amount = 0.01m,
                            method = "card",
                        })),
                        _ => await SendAsync(http, HttpMethod.Put, $"/api/v1/appointments/{practice.GroupSessions[n % practice.GroupSessions.Count].AppointmentId}/group-note",
                            clinician, JsonContent.Create(new { shared = new { topic = $"Coping skills, draft {n}", interventions = "Skills practice", groupProcess = "Engaged", sessionMinutes = 90 } })),
                    };
                    var ended = clock.Elapsed;
                    done.Enqueue(new Done(kind, ended.TotalSeconds, (ended - started).TotalMilliseconds, ok));
                }
            }

            async Task SampleAsync()
            {
                while (clock.Elapsed < length)
                {
                    for (var i = 0; i < apps.Count; i++)
                    {
                        if (RssMiB(apps[i].ProcessId) is { } mib)
                        {
                            rss.Enqueue(new RssSample(i, clock.Elapsed.TotalSeconds, mib));
                        }
                    }

                    await Task.Delay(TimeSpan.FromSeconds(10));
                }
            }

            async Task ReportAsync()
            {
                for (var minute = 1; minute <= options.Minutes; minute++)
                {
                    var wait = TimeSpan.FromMinutes(minute) - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }

                    var lastMinute = done.Where(d => d.Seconds > (minute - 1) * 60 && d.Seconds <= minute * 60).ToList();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"minute {minute}: {lastMinute.Count / 60.0:0.0} req/s, p95 {P95(lastMinute):0.0} ms, {lastMinute.Count(d => !d.Ok)} failed, load average {Measurement.ReadLoadAverage()}"));
                }
            }

            await Task.WhenAll([.. Enumerable.Range(0, options.Concurrency).Select(WorkerAsync), SampleAsync(), ReportAsync()]);
            var elapsed = clock.Elapsed;
            var table = Table(header, options, [.. done], [.. rss], elapsed);
            var results = Path.Combine(options.OutDir, $"soak-{options.Provider}.md");
            await File.WriteAllTextAsync(results, table);
            Console.WriteLine();
            Console.WriteLine(table);
            Console.WriteLine($"Written to {results}.");
            foreach (var client in clients)
            {
                client.Dispose();
            }

            return done.All(d => d.Ok) ? 0 : 1;
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    private static string CalendarPath(GeneratedPractice practice, int n) =>
        $"/api/v1/appointments?{practice.Week(n)}&clinicianId={practice.Clinicians[n % practice.Clinicians.Count].Id}";

    /// <summary>Booking n: one group session of a clinician's group, more than a year ahead, in a two-hour slot of its own.</summary>
    private static AppointmentInput Booking(GeneratedPractice practice, int n)
    {
        var clinicianId = practice.Clinicians[n % practice.Clinicians.Count].Id;
        var slot = n / practice.Clinicians.Count;
        var groups = practice.GroupsByClinician[clinicianId];
        var date = practice.Today.PlusDays(400 + (slot / 6));
        var start = Caseload.Domain.Scheduling.Appointment.Resolve(date + new LocalTime(8 + (2 * (slot % 6)), 0), practice.Zone);
        return new AppointmentInput("group", clinicianId, "90853", groups[slot % groups.Count], null,
            OffsetDateTimePattern.Rfc3339.Format(start.ToOffsetDateTime()), 90, null, null, null, null);
    }

    private static async Task<bool> SendAsync(HttpClient http, HttpMethod method, string path, AuthenticationHeaderValue auth, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = auth;
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"{method} {path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)])}");
            }

            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{method} {path}: {e.Message}");
            return false;
        }
    }

    /// <summary>Open invoices with at least a dollar left for the client to pay: room for a hundred one-cent payments each.</summary>
    private static async Task<List<string>> OpenInvoicesAsync(BenchOptions options, string connection)
    {
        await using var db = options.CreateDbContext(connection);
        return await db.Invoices.AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.Open && i.ClientOwes - i.ClientPaid >= 1)
            .OrderBy(i => i.Id).Select(i => i.Id).Take(2000).ToListAsync();
    }

    /// <summary>VmRSS from /proc/&lt;pid&gt;/status, in MiB; null where there is no /proc.</summary>
    private static double? RssMiB(int processId)
    {
        var status = $"/proc/{processId}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static double P95(IReadOnlyCollection<Done> done) => Percentile(done.Select(d => d.Milliseconds), 95);

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
    }

    /// <summary>The least-squares slope of RSS over time in MiB per minute, from the second minute on.</summary>
    private static double Slope(IReadOnlyList<RssSample> samples)
    {
        var after = samples.Where(s => s.Seconds >= 60).ToList();
        if (after.Count < 2)
        {
            return double.NaN;
        }

        var mx = after.Average(s => s.Seconds / 60);
        var my = after.Average(s => s.MiB);
        var sxx = after.Sum(s => Math.Pow((s.Seconds / 60) - mx, 2));
        return sxx == 0 ? double.NaN : after.Sum(s => ((s.Seconds / 60) - mx) * (s.MiB - my)) / sxx;
    }

    private static string Table(string header, BenchOptions options, List<Done> done, List<RssSample> rss, TimeSpan elapsed)
    {
        var text = new StringBuilder().AppendLine(header).AppendLine();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine("| kind | requests | req/s | p50 ms | p95 ms | p99 ms | failures |").AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in done.GroupBy(d => d.Kind).OrderBy(g => g.Key).Select(g => (Name: Name(g.Key), Items: g.ToList())).Append((Name: "all", Items: done)))
        {
            var ms = group.Items.Select(d => d.Milliseconds).ToList();
            text.AppendLine(string.Create(inv,
                $"| {group.Name} | {group.Items.Count:N0} | {group.Items.Count / elapsed.TotalSeconds:0.0} | {Percentile(ms, 50):0.0} | {Percentile(ms, 95):0.0} | {Percentile(ms, 99):0.0} | {group.Items.Count(d => !d.Ok)} |"));
        }

        text.AppendLine().AppendLine("| minute | req/s | p95 ms | " + string.Join(" | ", Enumerable.Range(1, options.Instances).Select(i => $"RSS {i} MiB")) + " |")
            .AppendLine("| ---: | ---: | ---: | " + string.Join(" | ", Enumerable.Repeat("---:", options.Instances)) + " |");
        // Requests still in flight when the time was up end a little after it: they count in the last minute.
        var minutes = Math.Max(1, (int)Math.Ceiling(options.Minutes));
        int MinuteOf(double seconds) => Math.Clamp((int)Math.Ceiling(seconds / 60), 1, minutes);
        for (var minute = 1; minute <= minutes; minute++)
        {
            var inMinute = done.Where(d => MinuteOf(d.Seconds) == minute).ToList();
            var memory = Enumerable.Range(0, options.Instances).Select(i =>
                rss.Where(s => s.Instance == i && s.Seconds <= minute * 60).Select(s => s.MiB).DefaultIfEmpty(double.NaN).Last());
            text.AppendLine(string.Create(inv,
                $"| {minute} | {inMinute.Count / Math.Min(60, elapsed.TotalSeconds):0.0} | {P95(inMinute):0.0} | {string.Join(" | ", memory.Select(m => m.ToString("0", inv)))} |"));
        }

        text.AppendLine();
        for (var i = 0; i < options.Instances; i++)
        {
            var mine = rss.Where(s => s.Instance == i).ToList();
            text.AppendLine(string.Create(inv,
                $"Instance {i + 1}: RSS {mine.FirstOrDefault()?.MiB:0} MiB at the start, {mine.LastOrDefault()?.MiB:0} MiB at the end, peak {mine.Select(s => s.MiB).DefaultIfEmpty(0).Max():0} MiB; growth after the first minute {(double.IsNaN(Slope(mine)) ? "not measured (a run of two minutes or more measures it)" : Slope(mine).ToString("0.0 'MiB/min'", inv))}."));
        }

        text.AppendLine().AppendLine(string.Create(inv, $"Load average after the run: {Measurement.ReadLoadAverage()}."));
        return text.ToString();
    }

    private static string Name(Kind kind) => kind switch
    {
        Kind.CalendarRead => "calendar read (a week, as the administrator)",
        Kind.Booking => "booking (one group session)",
        Kind.Payment => "payment (one cent)",
        _ => "note autosave (group note draft)",
    };
}
