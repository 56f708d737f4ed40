using System.Diagnostics;
using System.Net.Http.Json;
using Caseload.Domain.Billing;
using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Settings.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Bench;

/// <summary>
/// A large practice built the way the app builds one: the administrator and the clinicians'
/// sign-ins through the running app (start-up and <c>POST /api/v1/users</c>), then clients, groups
/// and two and a half years of weekly series through the domain's own verbs
/// (<see cref="Client.Create"/>, <see cref="Group.AddMember"/>, <see cref="Booking.Book"/>), with the
/// history of the past year (<see cref="PracticeHistory"/>), saved in batches with the tracker cleared after each.
/// </summary>
/// <remarks>
/// Each clinician sees 40 clients a week (Monday to Friday, 09:00 to 16:45, 45 minutes each) and runs
/// three groups of twelve of them at 17:00 on Monday, Wednesday and Thursday. Every weekly series runs
/// from a year back to eighteen months ahead: a series may span at most two years (rule 4), so each is
/// booked as a 104-week series followed by a second one for the rest. Each clinician has 5,590
/// appointments: 11,180 with 2 clinicians, 1,118,000 with 200.
/// </remarks>
internal static class PracticeGenerator
{
    public const int ClientsPerClinician = 40;
    public const int GroupsPerClinician = 3;
    public const int MembersPerGroup = 12;
    public const int WeeksBack = 52;
    public const int WeeksAhead = 78;
    private const int MaxSeriesWeeks = 104;
    private const int BatchSize = 20_000;

    private static readonly string[] FirstNames =
    [
        "Maya", "Eli", "Sofia", "Marcus", "Hannah", "Diego", "Grace", "Owen", "Leila", "Theo",
        "Nora", "Isaac", "Ruby", "Jonah", "Amara", "Felix", "Clara", "Mateo", "Ivy", "Samir", "Lucia",
    ];

    private static readonly string[] LastNames =
    [
        "Bennett", "Okafor", "Lindqvist", "Reyes", "Castillo", "Nakamura", "Hughes", "Patel", "Moreau", "Fischer",
        "Abbott", "Kowalski", "Duarte", "Sato", "Mensah", "Grant", "Novak", "Ibarra", "Whelan", "Haddad", "Park",
    ];

    private static readonly (string Name, IsoDayOfWeek Day)[] GroupPlan =
    [
        ("Anxiety Skills", IsoDayOfWeek.Monday),
        ("DBT Skills", IsoDayOfWeek.Wednesday),
        ("Grief and Loss", IsoDayOfWeek.Thursday),
    ];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var total = Stopwatch.StartNew();
        await using (var db = options.CreateDbContext())
        {
            if (options.Force)
            {
                await db.Database.EnsureDeletedAsync();
            }

            await db.Database.MigrateAsync();
            if (await db.Users.AnyAsync() || await db.Appointments.AnyAsync())
            {
                await Console.Error.WriteLineAsync("The database already holds a practice: pass --force to start over.");
                return 1;
            }
        }

        var clinicianIds = await CreateStaffAsync(options);
        Console.WriteLine($"Staff: 1 administrator and {clinicianIds.Count} clinicians through the API ({total.Elapsed.TotalSeconds:0.0} s).");

        await using (var db = options.CreateDbContext())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await db.Database.OpenConnectionAsync();
            // A throw-away database: nothing is lost if the machine stops mid-way, so skip waiting for the disk.
            await db.Database.ExecuteSqlRawAsync(options.IsPostgres ? "SET synchronous_commit = off" : "PRAGMA synchronous = OFF");
            await FillAsync(db, clinicianIds);
            await DescribeAsync(db, options);
        }

        if (!options.IsPostgres)
        {
            SqliteConnection.ClearAllPools();
        }

        Console.WriteLine($"Generated in {total.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    /// <summary>The app creates the administrator on its first start; the administrator creates the clinicians.</summary>
    private static async Task<List<string>> CreateStaffAsync(BenchOptions options)
    {
        await using var app = await AppProcess.StartAsync(options, options.ConnectionString, logSql: false, "generate");
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = await BenchStaff.SignInAsync(http, BenchStaff.AdminEmail);
        var ids = new List<string>();
        for (var i = 0; i < options.Clinicians; i++)
        {
            var user = new NewStaffUser(BenchStaff.ClinicianEmail(i), BenchStaff.Password, $"Clinician {i + 1:000}", [Roles.Clinician], "LCSW");
            using var response = await http.PostAsJsonAsync("/api/v1/users", user);
            response.EnsureSuccessStatusCode();
            var created = await response.Content.ReadFromJsonAsync<CreatedStaffUser>();
            ids.Add(created?.ClinicianId ?? throw new InvalidOperationException($"{user.Email} got no clinician record."));
        }

        return ids;
    }

    private static async Task FillAsync(CaseloadDbContext db, List<string> clinicianIds)
    {
        var practice = await db.Practices.AsNoTracking().SingleAsync();
        var codes = await db.ServiceCodes.AsNoTracking().ToDictionaryAsync(s => s.Code);
        var zone = practice.Zone;
        var now = Instant.FromDateTimeOffset(TimeProvider.System.GetUtcNow());
        var today = practice.Today(now);
        var firstMonday = today.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)).PlusWeeks(-WeeksBack);
        // Every series was booked the week before it started; its reminders were planned then.
        var bookedAt = firstMonday.PlusDays(-7).AtStartOfDayInZone(zone).ToInstant();

        var clients = new List<Client>();
        var groups = new List<Group>();
        for (var c = 0; c < clinicianIds.Count; c++)
        {
            var caseload = Enumerable.Range(0, ClientsPerClinician).Select(k => NewClient(clinicianIds[c], c, k, today)).ToList();
            clients.AddRange(caseload);
            for (var g = 0; g < GroupsPerClinician; g++)
            {
                var (group, outcome) = Group.Create(clinicianIds[c], $"{GroupPlan[g].Name} {c + 1:000}", ServiceCode.GroupPsychotherapy, MembersPerGroup);
                Check(outcome.Succeeded, outcome.First?.Message);
                foreach (var member in caseload.Skip(g * MembersPerGroup).Take(MembersPerGroup))
                {
                    var added = group!.AddMember(member, firstMonday.PlusDays(-7));
                    Check(added.Succeeded, added.First?.Message);
                }

                groups.Add(group!);
            }
        }

        db.Clients.AddRange(clients);
        db.Groups.AddRange(groups);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var byId = clients.ToDictionary(c => c.Id);
        var history = new PracticeHistory(byId, codes, practice.ReminderLeadTimesHours, today, now);
        var bulk = new BulkWriter(db);
        var saving = Stopwatch.StartNew();
        var batch = new Batch();
        var saved = 0;
        var savedRows = 0L;

        // Series and notes (a note keeps its sections as JSON) go through EF Core; the many plain rows are written in bulk.
        async Task SaveAsync()
        {
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            await bulk.WriteAsync(batch.Appointments);
            await bulk.WriteAsync(batch.Appointments.SelectMany(a => a.Invitees).ToList());
            await bulk.WriteAsync(batch.Invoices);
            await bulk.WriteAsync(batch.Invoices.SelectMany(i => i.Lines).ToList());
            await bulk.WriteAsync(batch.Payments);
            await bulk.WriteAsync(batch.Payments.SelectMany(p => p.Allocations).ToList());
            await bulk.WriteAsync(batch.Reminders);
            db.Notes.AddRange(batch.Notes);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            saved += batch.Appointments.Count;
            savedRows += batch.Rows;
            Console.WriteLine($"  {saved,9:N0} appointments, {savedRows,11:N0} rows saved ({saving.Elapsed.TotalSeconds:0.0} s)");
            batch = new Batch();
        }

        async Task BookAsync(BookingRequest request, string signer)
        {
            foreach (var (weeksLater, count) in Segments())
            {
                var start = request.Slot.Start.PlusWeeks(weeksLater);
                var (booked, outcome) = Booking.Book(
                    request with { Slot = request.Slot with { Start = start }, Recurrence = new Recurrence(Frequency.Weekly, 1, count, null) },
                    byId, zone, bookedAt);
                Check(booked is not null, outcome.First?.Message);
                var rows = history.Live(booked!.Appointments, bookedAt, signer);
                db.Series.Add(booked.Series!);
                batch.Add(booked.Appointments, rows);
            }

            if (batch.Appointments.Count >= BatchSize)
            {
                await SaveAsync();
            }
        }

        for (var c = 0; c < clinicianIds.Count; c++)
        {
            var office = $"Office {c + 1}";
            var signer = $"Clinician {c + 1:000}";
            for (var k = 0; k < ClientsPerClinician; k++)
            {
                var client = clients[(c * ClientsPerClinician) + k];
                var start = firstMonday.PlusDays(k % 5) + new LocalTime(9 + (k / 5), 0);
                var location = k % 3 == 2 ? $"https://meet.{BenchStaff.Domain}/{clinicianIds[c][..8]}" : office;
                await BookAsync(new BookingRequest(AppointmentKind.Individual, client.ClinicianId, "90834", null, client,
                    new SessionSlot(start, 45, location), null, null, null), signer);
            }

            for (var g = 0; g < GroupsPerClinician; g++)
            {
                var group = groups[(c * GroupsPerClinician) + g];
                var start = firstMonday.PlusDays((int)GroupPlan[g].Day - 1) + new LocalTime(17, 0);
                await BookAsync(new BookingRequest(AppointmentKind.Group, group.ClinicianId, group.ServiceCode, group, null,
                    new SessionSlot(start, 90, $"Group room {c + 1}"), null, null, null), signer);
            }
        }

        await SaveAsync();
    }

    /// <summary>What is booked but not saved yet.</summary>
    private sealed class Batch
    {
        public List<Appointment> Appointments { get; } = [];

        public List<Caseload.Domain.Reminders.Reminder> Reminders { get; } = [];

        public List<Invoice> Invoices { get; } = [];

        public List<Payment> Payments { get; } = [];

        public List<Caseload.Domain.Notes.SessionNote> Notes { get; } = [];

        public long Rows { get; private set; }

        public void Add(IReadOnlyList<Appointment> appointments, PracticeHistory.Rows rows)
        {
            Appointments.AddRange(appointments);
            Reminders.AddRange(rows.Reminders);
            Invoices.AddRange(rows.Invoices);
            Payments.AddRange(rows.Payments);
            Notes.AddRange(rows.Notes);
            Rows += appointments.Sum(a => 1 + a.Invitees.Count) + rows.Count;
        }
    }

    /// <summary>Weeks from the first Monday, split into series of at most two years.</summary>
    private static IEnumerable<(int WeeksLater, int Count)> Segments()
    {
        for (var week = 0; week < WeeksBack + WeeksAhead; week += MaxSeriesWeeks)
        {
            yield return (week, Math.Min(MaxSeriesWeeks, WeeksBack + WeeksAhead - week));
        }
    }

    private static Client NewClient(string clinicianId, int c, int k, LocalDate today)
    {
        var n = (c * ClientsPerClinician) + k;
        var first = FirstNames[n % FirstNames.Length];
        var last = LastNames[(n / FirstNames.Length) % LastNames.Length];
        var billing = (n % 3) switch
        {
            0 => BillingSettings.SelfPay(),
            1 => BillingSettings.SelfPay(70.00m),
            _ => BillingSettings.Insurance("Blue Harbor Health", $"BH{100_000 + n}", 25.00m),
        };
        var details = new ClientDetails(first, last, new LocalDate(1950 + (n % 55), 1 + (n % 12), 1 + (n % 28)),
            $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}.{n}@mail.example", $"+1 555 {n % 1000:000} {1000 + (n % 9000)}",
            new ReminderPreferences(Email: true, Text: n % 2 == 0), billing, n % 4 == 0 ? 40.00m : null);
        var (client, outcome) = Client.Create(clinicianId, details, today);
        Check(client is not null, outcome.First?.Message);
        return client!;
    }

    private static async Task DescribeAsync(CaseloadDbContext db, BenchOptions options)
    {
        if (options.IsPostgres)
        {
            // Autovacuum would gather statistics within a minute or so; do it now so the first run is not misled.
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        var appointments = await db.Appointments.CountAsync();
        var groupAppointments = await db.Appointments.CountAsync(a => a.Kind == AppointmentKind.Group);
        Console.WriteLine($"""
            Practice: {await db.Clinicians.CountAsync()} clinicians, {await db.Clients.CountAsync()} clients, {await db.Groups.CountAsync()} groups
              appointments: {appointments:N0} ({appointments - groupAppointments:N0} individual, {groupAppointments:N0} group) in {await db.Series.CountAsync():N0} series
              invitees:     {await db.Set<Invitee>().CountAsync():N0}
              history:      {await db.Invoices.CountAsync():N0} invoices, {await db.Payments.CountAsync():N0} payments, {await db.Notes.CountAsync():N0} signed notes, {await db.Reminders.CountAsync(r => r.Status == Caseload.Domain.Reminders.ReminderStatus.Sent):N0} reminders sent, {await db.Reminders.CountAsync(r => r.Status == Caseload.Domain.Reminders.ReminderStatus.Pending):N0} planned
            """);
    }

    private static void Check(bool ok, string? message)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"Generating the practice: {message}");
        }
    }
}
