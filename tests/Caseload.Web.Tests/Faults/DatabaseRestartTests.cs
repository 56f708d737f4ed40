using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Caseload.Web.Tests.Faults;

/// <summary>
/// PostgreSQL restarted (an operator's restart, a fail-over) while two app instances, real processes, take bookings
/// and serve the calendar: while it is down every request answers 503 with Retry-After and
/// <c>database-unavailable</c>, never 500; once it is back both instances serve again by themselves; every booking
/// that was answered 201 is kept, none is stored twice, and a booking refused with 503 can simply be sent again.
/// </summary>
[Collection(InstanceProcesses.Name)]
public sealed class DatabaseRestartTests
{
    private const string Booking = "booking";
    private const string CalendarRead = "calendar read";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostgresRestart_UnderTwoBusyInstances_Answers503WithRetryAfter_NeverAServerError_ThenResumesAndLosesNoBooking()
    {
        await using var cluster = await ThrowAwayCluster.StartAsync(Ct);
        var database = await cluster.CreateDatabaseAsync("caseload", Ct);
        await using var first = InstanceProcess.Start("postgres", database);
        await using var second = InstanceProcess.Start("postgres", database);
        await Task.WhenAll(first.WaitUntilReadyAsync(TimeSpan.FromSeconds(120), Ct), second.WaitUntilReadyAsync(TimeSpan.FromSeconds(120), Ct));
        using var atFirst = await first.SignInAsync(CaseloadApp.AdminEmail, CaseloadApp.Password, Ct);
        using var atSecond = await second.SignInAsync(CaseloadApp.AdminEmail, CaseloadApp.Password, Ct);
        var (clinicianId, clientId) = await ClinicianWithClientAsync(atFirst);

        using var traffic = new Traffic(clinicianId, clientId, new() { ["first"] = atFirst, ["second"] = atSecond });
        try
        {
            await traffic.UntilAsync(Phase.Before, Succeeded, "both instances booking and reading");

            await cluster.StopAsync(Ct);
            traffic.Now = Phase.Down;
            await traffic.UntilAsync(Phase.Down, status => status == HttpStatusCode.ServiceUnavailable, "both instances answering 503 to bookings and reads");

            await cluster.StartAgainAsync(Ct);
            traffic.Now = Phase.After;
            await traffic.UntilAsync(Phase.After, Succeeded, "both instances booking and reading again");
        }
        finally
        {
            await traffic.StopAsync();
        }

        var answers = traffic.Answers.ToList();
        var wrong = answers.Where(a => a.Status is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable)).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {answers.Count} answers were neither success nor 503: {string.Join("\n", wrong.Take(5))}");
        foreach (var unavailable in answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable))
        {
            Assert.True(unavailable is { RetryAfter: "5", MediaType: "application/problem+json", Code: "database-unavailable" }, unavailable.ToString());
        }

        Assert.False(first.HasExited || second.HasExited, "an instance exited");

        // Nothing lost, nothing twice: each booking answered 201 is there once; one answered 503 is there at most once.
        var stored = await StoredBookingsAsync(atSecond);
        var booked = answers.Where(a => a is { Kind: Booking, Status: HttpStatusCode.Created }).ToList();
        Assert.All(booked, b => Assert.Contains(b.AppointmentId!, stored.Values.SelectMany(ids => ids)));
        Assert.All(stored, slot => Assert.Single(slot.Value));
        var asked = answers.Where(a => a.Kind == Booking).Select(a => a.Slot!.Value).ToHashSet();
        Assert.All(stored.Keys, slot => Assert.Contains(slot, asked));

        // A booking refused while the database was down is simply sent again, and is then stored once.
        var refused = answers.Where(a => a is { Kind: Booking, Status: HttpStatusCode.ServiceUnavailable } && !stored.ContainsKey(a.Slot!.Value)).ToList();
        Assert.NotEmpty(refused);
        foreach (var again in refused)
        {
            using var response = await atFirst.PostAsJsonAsync("/api/v1/appointments", Traffic.BookingAt(clinicianId, clientId, again.Slot!.Value), Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var afterResend = await StoredBookingsAsync(atFirst);
        Assert.Equal(asked.Order(), afterResend.Keys.Order());
        Assert.All(afterResend, slot => Assert.Single(slot.Value));
    }

    private static bool Succeeded(HttpStatusCode status) => status is HttpStatusCode.OK or HttpStatusCode.Created;

    private static async Task<(string ClinicianId, string ClientId)> ClinicianWithClientAsync(HttpClient admin)
    {
        var user = await admin.PostAsJsonAsync("/api/v1/users",
            new { email = "clinician@restart.test.example", password = CaseloadApp.Password, displayName = "Restart Clinician", roles = new[] { "Clinician" } }, Ct);
        Assert.True(user.IsSuccessStatusCode, await user.Content.ReadAsStringAsync(Ct));
        var clinicianId = (await user.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("clinicianId").GetString()!;
        var client = await admin.PostAsJsonAsync("/api/v1/clients", new
        {
            firstName = "Rhea",
            lastName = "Restart",
            dateOfBirth = "1980-02-03",
            email = "rhea@example.com",
            mobile = "+1 555 010 2040",
            clinicianId,
            reminders = new { email = false, text = false },
            billing = new { mode = "selfPay" },
        }, Ct);
        Assert.True(client.StatusCode == HttpStatusCode.Created, await client.Content.ReadAsStringAsync(Ct));
        return (clinicianId, (await client.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("client").GetProperty("id").GetString()!);
    }

    /// <summary>The appointment ids stored at each booked start, read from the calendar.</summary>
    private static async Task<Dictionary<DateTimeOffset, List<string>>> StoredBookingsAsync(HttpClient http)
    {
        var calendar = await http.GetFromJsonAsync<JsonElement>($"/api/v1/appointments?from={Traffic.FirstDay:yyyy-MM-dd}&to={Traffic.FirstDay.AddDays(300):yyyy-MM-dd}", Ct);
        return calendar.EnumerateArray()
            .GroupBy(a => DateTimeOffset.Parse(a.GetProperty("start").GetString()!, CultureInfo.InvariantCulture).ToUniversalTime())
            .ToDictionary(g => g.Key, g => g.Select(a => a.GetProperty("id").GetString()!).ToList());
    }

    private enum Phase
    {
        Before,
        Down,
        After,
    }

    /// <summary>One answer: what was asked of which instance, in which phase, and what came back.</summary>
    private sealed record Answer(
        string Instance, string Kind, Phase SentIn, HttpStatusCode Status, string? RetryAfter, string? MediaType, string? Code,
        DateTimeOffset? Slot, string? AppointmentId, string Body);

    /// <summary>
    /// Each instance gets a steady stream of bookings (each at a start of its own, so every one can be found again)
    /// and of calendar reads, one request at a time per stream, until stopped.
    /// </summary>
    private sealed class Traffic : IDisposable
    {
        public static readonly DateTimeOffset FirstDay = new(2027, 1, 4, 0, 0, 0, TimeSpan.FromHours(-5));

        private readonly CancellationTokenSource _stop = new();
        private readonly List<Task> _streams = [];
        private readonly string _clinicianId;
        private readonly string _clientId;
        private int _slots;

        public Traffic(string clinicianId, string clientId, Dictionary<string, HttpClient> instances)
        {
            _clinicianId = clinicianId;
            _clientId = clientId;
            Instances = instances;
            foreach (var (name, http) in instances)
            {
                _streams.Add(Task.Run(() => StreamAsync(name, http, Booking)));
                _streams.Add(Task.Run(() => StreamAsync(name, http, CalendarRead)));
            }
        }

        public ConcurrentQueue<Answer> Answers { get; } = new();

        public Dictionary<string, HttpClient> Instances { get; }

        public volatile Phase Now = Phase.Before;

        public static object BookingAt(string clinicianId, string clientId, DateTimeOffset start) => new
        {
            kind = "individual",
            clinicianId,
            serviceCode = "90834",
            clientId,
            start = start.ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            durationMinutes = 50,
        };

        /// <summary>Polls until every instance has, for both kinds of request sent in <paramref name="phase"/>, an answer that passes.</summary>
        public async Task UntilAsync(Phase phase, Func<HttpStatusCode, bool> passes, string what)
        {
            var waited = Stopwatch.StartNew();
            while (!Instances.Keys.All(i => new[] { Booking, CalendarRead }.All(kind =>
                       Answers.Any(a => a.Instance == i && a.Kind == kind && a.SentIn == phase && passes(a.Status)))))
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"Not {what} after 30 s; answers so far:\n{string.Join("\n", Answers.TakeLast(10))}");
                await Task.Delay(TimeSpan.FromMilliseconds(100), Ct);
            }
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_streams);
        }

        public void Dispose() => _stop.Dispose();

        private async Task StreamAsync(string instance, HttpClient http, string kind)
        {
            while (!_stop.IsCancellationRequested)
            {
                var phase = Now;
                DateTimeOffset? slot = kind == Booking ? FirstDay.AddHours(8 + Interlocked.Increment(ref _slots)) : null;
                try
                {
                    using var response = slot is { } start
                        ? await http.PostAsJsonAsync("/api/v1/appointments", BookingAt(_clinicianId, _clientId, start), CancellationToken.None)
                        : await http.GetAsync($"/api/v1/appointments?from={FirstDay:yyyy-MM-dd}&to={FirstDay.AddDays(60):yyyy-MM-dd}", CancellationToken.None);
                    var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    Answers.Enqueue(Read(instance, kind, phase, slot, response, body));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Answers.Enqueue(new Answer(instance, kind, phase, 0, null, null, null, slot, null, e.Message));
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            }
        }

        private static Answer Read(string instance, string kind, Phase phase, DateTimeOffset? slot, HttpResponseMessage response, string body)
        {
            string? code = null;
            string? id = null;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType == "application/problem+json")
            {
                code = JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            }
            else if (kind == Booking && response.StatusCode == HttpStatusCode.Created)
            {
                id = JsonDocument.Parse(body).RootElement.GetProperty("appointments")[0].GetProperty("id").GetString();
            }

            return new Answer(instance, kind, phase, response.StatusCode, response.Headers.RetryAfter?.ToString(), mediaType, code, slot, id,
                body.Length > 300 ? body[..300] : body);
        }
    }
}
