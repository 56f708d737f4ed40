using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Caseload.Domain.Billing;
using Caseload.Domain.Clients;
using Caseload.Domain.Practices;
using Caseload.Domain.Reminders;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Staff;
using Caseload.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Npgsql;
using NodaTime;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Caseload.Bench;

/// <summary>
/// Reminder dispatch: N reminders due at once, sent by the real app's worker to a real SMTP server in
/// this process, first by one app instance, then (on a fresh copy) by two claiming from the same
/// database. The rate runs from the first message received to the last; a message received twice
/// (by its Message-Id) or never is a failure.
/// </summary>
internal static class ReminderThroughput
{
    public static async Task<IReadOnlyList<Measurement>> MeasureAsync(BenchOptions options, int reminders) =>
    [
        await DispatchAsync(options, reminders, instances: 1),
        await DispatchAsync(options, reminders, instances: 2),
    ];

    private static async Task<Measurement> DispatchAsync(BenchOptions options, int reminders, int instances)
    {
        var name = $"reminders: dispatch, {instances} instance{(instances > 1 ? "s" : "")}";
        Console.Write($"{name}: seeding {reminders:N0} due reminders…");
        var connection = await FreshDatabaseAsync(options);
        var seeded = await SeedAsync(options, connection, reminders);
        // The first start makes the administrator; two instances starting together on an empty practice would both try.
        await (await AppProcess.StartAsync(options, connection, logSql: false, $"reminders-{options.Provider}-{instances}-first-start")).DisposeAsync();
        await PlanRemindersAsync(options, connection, seeded);

        var received = new ConcurrentDictionary<string, int>();
        var times = new ConcurrentQueue<long>();
        var port = AppProcess.FreePort();
        var server = new SmtpServer.SmtpServer(
            new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build(),
            Services(new CountingStore(received, times)));
        using var stop = new CancellationTokenSource();
        var serving = server.StartAsync(stop.Token);
        var loadBefore = Measurement.ReadLoadAverage();
        Console.Write(" sending…");

        var environment = new Dictionary<string, string>
        {
            ["Caseload__Email__Host"] = "127.0.0.1",
            ["Caseload__Email__Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Caseload__Email__Security"] = "None",
            ["Caseload__Email__FromAddress"] = "reminders@bench.example",
        };
        var apps = await Task.WhenAll(Enumerable.Range(1, instances).Select(i =>
            AppProcess.StartAsync(options, connection, logSql: false, $"reminders-{options.Provider}-{instances}-{i}", environment)));
        try
        {
            var quiet = Stopwatch.StartNew();
            var last = 0;
            while (received.Values.Sum() < reminders && quiet.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(200);
                var now = received.Values.Sum();
                if (now != last)
                {
                    (last, quiet) = (now, Stopwatch.StartNew());
                }
            }

            // Anything sent twice would arrive within moments of the rest.
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }

            server.Shutdown();
            await stop.CancelAsync();
            await Task.WhenAny(serving, Task.Delay(TimeSpan.FromSeconds(5)));
        }

        var total = received.Values.Sum();
        var twice = received.Count(r => r.Value > 1);
        var stamps = times.Order().ToList();
        var seconds = stamps.Count < 2 ? 0 : Stopwatch.GetElapsedTime(stamps[0], stamps[^1]).TotalSeconds;
        var m = new Measurement(name, 0, total, instances, null, null, null, seconds > 0 ? (total - 1) / seconds : 0,
            twice + (reminders - received.Count), 1, null, null, $"{loadBefore}→{Measurement.ReadLoadAverage()}",
            $"{received.Count:N0} of {reminders:N0} received, {twice} twice; messages/s");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $" {received.Count:N0} of {reminders:N0} received, {twice} twice, {m.Rate:0} messages/s"));
        return m;
    }

    /// <summary>An empty database of its own: a file in the output folder, or a PostgreSQL database named after the bench's.</summary>
    private static async Task<string> FreshDatabaseAsync(BenchOptions options)
    {
        if (!options.IsPostgres)
        {
            var file = Path.Combine(options.OutDir, "reminders.db");
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }

            return $"Data Source={file}";
        }

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        builder.Database = builder.Database!.Contains(BenchOptions.ScaleMark, StringComparison.Ordinal)
            ? builder.Database.Replace(BenchOptions.ScaleMark, "reminders", StringComparison.Ordinal)
            : builder.Database + "_reminders";
        NpgsqlConnection.ClearAllPools();
        await using var db = options.CreateDbContext(builder.ConnectionString);
        await db.Database.EnsureDeletedAsync();
        return builder.ConnectionString;
    }

    /// <summary>
    /// Individual appointments an hour from now, each client opted in to email, booked two days ago
    /// and not yet with reminders: once planned, both the 48-hour and the 2-hour reminder of each are due.
    /// </summary>
    private static async Task<Seeded> SeedAsync(BenchOptions options, string connection, int reminders)
    {
        await using var db = options.CreateDbContext(connection);
        await db.Database.MigrateAsync();
        var practice = Practice.CreateDefault("Bench Counseling", "America/New_York");
        db.Practices.Add(practice);
        db.ServiceCodes.AddRange(ServiceCode.Catalogue.Select(ServiceCode.Copy));
        var clinician = new Clinician("bench-reminders", "Bench Clinician", "", "#2e7d32");
        db.Clinicians.Add(clinician);
        var now = Instant.FromDateTimeOffset(TimeProvider.System.GetUtcNow());
        var today = practice.Today(now);
        var start = (now + Duration.FromHours(1)).InZone(practice.Zone).LocalDateTime;
        var seeded = new Seeded(now - Duration.FromHours(49), practice.ReminderLeadTimesHours, []);
        for (var i = 0; i < reminders / 2; i++)
        {
            var (client, _) = Client.Create(clinician.Id, new ClientDetails($"Client{i}", "Bench", new LocalDate(1980, 1, 1),
                $"client{i}@bench.example", null, new ReminderPreferences(Email: true, Text: false), BillingSettings.SelfPay(), null), today);
            db.Clients.Add(client!);
            var clients = new Dictionary<string, Client> { [client!.Id] = client };
            var (booked, _) = Booking.Book(new BookingRequest(AppointmentKind.Individual, clinician.Id, "90834", null, client,
                new SessionSlot(start, 45, "Room 1"), null, [new InviteeChoice(client.Id, CreateInvoice: false)], null), clients, practice.Zone, seeded.BookedAt);
            db.Appointments.Add(booked!.Appointments[0]);
            seeded.Appointments.Add((booked.Appointments[0], clients));
            if (i % 1000 == 999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync();
        return seeded;
    }

    /// <summary>The reminders as the app planned them at booking, all due now.</summary>
    private static async Task PlanRemindersAsync(BenchOptions options, string connection, Seeded seeded)
    {
        await using var db = options.CreateDbContext(connection);
        foreach (var (appointment, clients) in seeded.Appointments)
        {
            db.Reminders.AddRange(ReminderPlan.Reconcile(appointment.Id, [], ReminderPlan.For(appointment, clients, seeded.LeadHours, seeded.BookedAt)));
        }

        await db.SaveChangesAsync();
    }

    private sealed record Seeded(Instant BookedAt, IReadOnlyList<int> LeadHours, List<(Appointment Appointment, Dictionary<string, Client> Clients)> Appointments);

    private static SmtpServer.ComponentModel.ServiceProvider Services(MessageStore store)
    {
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        return services;
    }

    private sealed class CountingStore(ConcurrentDictionary<string, int> received, ConcurrentQueue<long> times) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            received.AddOrUpdate(message.MessageId ?? Guid.NewGuid().ToString(), 1, (_, n) => n + 1);
            times.Enqueue(Stopwatch.GetTimestamp());
            return SmtpResponse.Ok;
        }
    }
}
