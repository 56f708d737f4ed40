using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Caseload.Domain.Billing;
using Caseload.Domain.Clients;
using Caseload.Domain.Practices;
using Caseload.Domain.Reminders;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Staff;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NodaTime;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Caseload.Bench;

/// <summary>
/// Reminder dispatch throughput: 10,000 reminders due at once, sent by the real app's worker to a
/// real SMTP server in this process; measured from the app's start to the last message received.
/// </summary>
internal static class ReminderThroughput
{
    public const int Reminders = 10_000;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var file = Path.Combine(Path.GetTempPath(), $"caseload-reminders-{Guid.NewGuid():N}.db");
        var connection = $"Data Source={file}";
        await SeedAsync(connection);

        var received = new ConcurrentDictionary<string, int>();
        var port = AppProcess.FreePort();
        var server = new SmtpServer.SmtpServer(
            new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build(),
            Services(new CountingStore(received)));
        using var stop = new CancellationTokenSource();
        var serving = server.StartAsync(stop.Token);

        var clock = Stopwatch.StartNew();
        await using (var app = await AppProcess.StartAsync(options, connection, logSql: false, "reminders", new Dictionary<string, string>
        {
            ["Caseload__Email__Host"] = "127.0.0.1",
            ["Caseload__Email__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Caseload__Email__Security"] = "None",
            ["Caseload__Email__FromAddress"] = "reminders@bench.example",
        }))
        {
            var startedIn = clock.Elapsed;
            while (received.Values.Sum() < Reminders && clock.Elapsed < TimeSpan.FromMinutes(15))
            {
                await Task.Delay(200);
            }

            var sending = clock.Elapsed - startedIn;
            var total = received.Values.Sum();
            Console.WriteLine($"Reminder dispatch, SQLite, {Environment.ProcessorCount} cores: {total:N0} of {Reminders:N0} messages received, "
                + $"{received.Count(r => r.Value > 1)} sent twice; app start {startedIn.TotalSeconds:0.0} s, sending {sending.TotalSeconds:0.0} s, "
                + $"{total / sending.TotalSeconds:0} messages/s.");
        }

        server.Shutdown();
        await stop.CancelAsync();
        await Task.WhenAny(serving, Task.Delay(TimeSpan.FromSeconds(5)));
        File.Delete(file);
        return 0;
    }

    /// <summary>
    /// 5,000 individual appointments an hour from now, each client opted in to email, planned as if
    /// booked two days ago: both the 48-hour and the 2-hour reminder of each are due.
    /// </summary>
    private static async Task SeedAsync(string connection)
    {
        await using var db = new SqliteCaseloadDbContext(new DbContextOptionsBuilder<SqliteCaseloadDbContext>().UseSqlite(connection).Options);
        await db.Database.MigrateAsync();
        var practice = Practice.CreateDefault("Bench Counseling", "America/New_York");
        db.Practices.Add(practice);
        db.ServiceCodes.AddRange(ServiceCode.Catalogue.Select(ServiceCode.Copy));
        var clinician = new Clinician("bench-reminders", "Bench Clinician", "", "#2e7d32");
        db.Clinicians.Add(clinician);
        var now = Instant.FromDateTimeOffset(TimeProvider.System.GetUtcNow());
        var today = practice.Today(now);
        var start = (now + Duration.FromHours(1)).InZone(practice.Zone).LocalDateTime;
        var bookedAt = now - Duration.FromHours(49);
        for (var i = 0; i < Reminders / 2; i++)
        {
            var (client, _) = Client.Create(clinician.Id, new ClientDetails($"Client{i}", "Bench", new LocalDate(1980, 1, 1),
                $"client{i}@bench.example", null, new ReminderPreferences(Email: true, Text: false), BillingSettings.SelfPay(), null), today);
            db.Clients.Add(client!);
            var clients = new Dictionary<string, Client> { [client!.Id] = client };
            var (booked, _) = Booking.Book(new BookingRequest(AppointmentKind.Individual, clinician.Id, "90834", null, client,
                new SessionSlot(start, 45, "Room 1"), null, [new InviteeChoice(client.Id, CreateInvoice: false)], null), clients, practice.Zone, bookedAt);
            var appointment = booked!.Appointments[0];
            db.Appointments.Add(appointment);
            db.Reminders.AddRange(ReminderPlan.Reconcile(appointment.Id, [], ReminderPlan.For(appointment, clients, practice.ReminderLeadTimesHours, bookedAt)));
            if (i % 1000 == 999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync();
    }

    private static SmtpServer.ComponentModel.ServiceProvider Services(MessageStore store)
    {
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        return services;
    }

    private sealed class CountingStore(ConcurrentDictionary<string, int> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            received.AddOrUpdate(message.MessageId ?? Guid.NewGuid().ToString(), 1, (_, n) => n + 1);
            return SmtpResponse.Ok;
        }
    }
}
