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
/// (<see cref="Client.Create"/>, <see cref="Group.AddMember"/>, <see cref="Booking.Book"/>), saved in batches.
/// </summary>
/// <remarks>
/// Each clinician sees 40 clients a week (Monday to Friday, 09:00 to 16:45, 45 minutes each) and runs
/// three groups of eight of them at 17:00 on Monday, Wednesday and Thursday. Every weekly series runs
/// from a year back to eighteen months ahead: a series may span at most two years (rule 4), so each is
/// booked as a 104-week series followed by a second one for the rest. With 20 clinicians that is
/// 800 clients, 60 groups and 111,800 appointments.
/// </remarks>
internal static class PracticeGenerator
{
    public const int ClientsPerClinician = 40;
    public const int GroupsPerClinician = 3;
    public const int MembersPerGroup = 8;
    public const int WeeksBack = 52;
    public const int WeeksAhead = 78;
    private const int MaxSeriesWeeks = 104;
    private const int BatchSize = 5_000;

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
        var zone = practice.Zone;
        var now = Instant.FromDateTimeOffset(TimeProvider.System.GetUtcNow());
        var today = practice.Today(now);
        var firstMonday = today.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)).PlusWeeks(-WeeksBack);

        var clients = new List<Client>();
        var groups = new List<Group>();
        for (var c = 0; c < clinicianIds.Count; c++)
        {
            var caseload = Enumerable.Range(0, ClientsPerClinician).Select(k => NewClient(clinicianIds[c], c, k, today)).ToList();
            clients.AddRange(caseload);
            for (var g = 0; g < GroupsPerClinician; g++)
            {
                var (group, outcome) = Group.Create(clinicianIds[c], $"{GroupPlan[g].Name} {c + 1:000}", ServiceCode.GroupPsychotherapy, 10);
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
        var saving = Stopwatch.StartNew();
        var pending = 0;
        var saved = 0;

        async Task BookAsync(BookingRequest request)
        {
            foreach (var (weeksLater, count) in Segments())
            {
                var start = request.Slot.Start.PlusWeeks(weeksLater);
                var (booked, outcome) = Booking.Book(
                    request with { Slot = request.Slot with { Start = start }, Recurrence = new Recurrence(Frequency.Weekly, 1, count, null) },
                    byId, zone, now);
                Check(booked is not null, outcome.First?.Message);
                db.Series.Add(booked!.Series!);
                db.Appointments.AddRange(booked.Appointments);
                pending += booked.Appointments.Count;
            }

            if (pending >= BatchSize)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                saved += pending;
                pending = 0;
                if (saved % 20_000 < BatchSize)
                {
                    Console.WriteLine($"  {saved,7:N0} appointments saved ({saving.Elapsed.TotalSeconds:0.0} s)");
                }
            }
        }

        for (var c = 0; c < clinicianIds.Count; c++)
        {
            var office = $"Office {c + 1}";
            for (var k = 0; k < ClientsPerClinician; k++)
            {
                var client = clients[(c * ClientsPerClinician) + k];
                var start = firstMonday.PlusDays(k % 5) + new LocalTime(9 + (k / 5), 0);
                var location = k % 3 == 2 ? $"https://meet.{BenchStaff.Domain}/{clinicianIds[c][..8]}" : office;
                await BookAsync(new BookingRequest(AppointmentKind.Individual, client.ClinicianId, "90834", null, client,
                    new SessionSlot(start, 45, location), null, null, null));
            }

            for (var g = 0; g < GroupsPerClinician; g++)
            {
                var group = groups[(c * GroupsPerClinician) + g];
                var start = firstMonday.PlusDays((int)GroupPlan[g].Day - 1) + new LocalTime(17, 0);
                await BookAsync(new BookingRequest(AppointmentKind.Group, group.ClinicianId, group.ServiceCode, group, null,
                    new SessionSlot(start, 90, $"Group room {c + 1}"), null, null, null));
            }
        }

        await db.SaveChangesAsync();
        saved += pending;
        db.ChangeTracker.Clear();
        Console.WriteLine($"  {saved,7:N0} appointments saved ({saving.Elapsed.TotalSeconds:0.0} s)");
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
            new ReminderPreferences(Email: true, Text: n % 2 == 0), billing, null);
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
