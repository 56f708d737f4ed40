using System.Security.Cryptography;
using Caseload.Domain.Billing;
using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using Caseload.Domain.Practices;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Settings.Users;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Setup;

/// <summary>
/// A practice to try the product on: staff in every role (one password generated for this
/// installation and printed once), clients on each clinician's caseload, groups, and a month of
/// individual and group appointments around today. The password can be replaced later, printed once
/// the same way, when the first one was not kept (<see cref="ResetPasswordAsync"/>).
/// </summary>
internal sealed class DemoPractice(
    CaseloadDbContext db, CreateStaffUser createStaff, ResetStaffPassword resetPassword, Features.Reminders.ReminderSchedule reminders, Clock clock)
{
    public const string Domain = "riverbend.example";

    private static readonly (string Name, string Credentials, string[] Roles)[] Staff =
    [
        ("Dana Whitfield", "", [Roles.Administrator]),
        ("Sam Ortega", "", [Roles.Scheduler]),
        ("Priya Raman", "", [Roles.Biller]),
        ("Avery Morgan", "LCSW", [Roles.Clinician]),
        ("Jordan Lee", "PhD", [Roles.Clinician]),
        ("Casey Brooks", "LPC", [Roles.Clinician]),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var practice = await db.Practices.SingleAsync(ct);
        practice.Update(new PracticeSettings("Riverbend Counseling", "America/New_York", "USD", "(555) 010-2040",
            50.00m, [48, 2], new LocalTime(8, 0), new LocalTime(18, 0)));
        await db.SaveChangesAsync(ct);

        var password = NewPassword();
        var lines = new List<string>();
        var clinicianIds = new List<string>();
        foreach (var (name, credentials, roles) in Staff)
        {
            var email = EmailOf(name);
            var outcome = await createStaff.HandleAsync(new NewStaffUser(email, password, name, roles, credentials), ct);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"Seeding {email}: {outcome.First?.Message}");
            }

            if (outcome.Value.ClinicianId is { } clinicianId)
            {
                clinicianIds.Add(clinicianId);
            }

            lines.Add($"  {email,-28} {string.Join(", ", roles)}");
        }

        await SeedCaseloadsAsync(clinicianIds, practice, ct);

        await Console.Out.WriteLineAsync(
            $"""

            Caseload demo practice "Riverbend Counseling" was created. Sign in as any of:
            {string.Join(Environment.NewLine, lines)}
              password for all of them: {password}
            (Shown only this once.)

            """);
    }

    /// <summary>
    /// Gives every demo account one new password and prints it once, as the first run did; their open
    /// sessions end. A database without the demo practice is left as it is.
    /// </summary>
    public async Task ResetPasswordAsync(CancellationToken ct = default)
    {
        var emails = Staff.Select(s => EmailOf(s.Name).ToUpperInvariant()).ToList();
        var accounts = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        if (accounts.Count == 0)
        {
            await Console.Out.WriteLineAsync("Caseload: this database has no demo practice; no password was changed.");
            return;
        }

        var password = NewPassword();
        foreach (var account in accounts)
        {
            var outcome = await resetPassword.HandleAsync(new StaffPasswordReset(account.Id, password), ct);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"Resetting the password of {account.Email}: {outcome.First?.Message}");
            }
        }

        await Console.Out.WriteLineAsync(
            $"""

            Caseload demo practice "Riverbend Counseling": a new password was set for
            {string.Join(Environment.NewLine, accounts.Select(a => $"  {a.Email}"))}
              password for all of them: {password}
            (Shown only this once. Start without Caseload__ResetDemoPassword to keep it.)

            """);
    }

    /// <summary>Twelve random letters and a dash and three random digits, so the password policy's digit rule always holds.</summary>
    internal static string NewPassword() =>
        "Demo-" + RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz", 12) + "-" + RandomNumberGenerator.GetString("23456789", 3);

    private static string EmailOf(string name) => $"{name.Split(' ')[0].ToLowerInvariant()}@{Domain}";

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

    private static readonly (string Name, string Code, int? Capacity, IsoDayOfWeek Day)[] GroupPlan =
    [
        ("Tuesday Anxiety Skills", ServiceCode.GroupPsychotherapy, 8, IsoDayOfWeek.Tuesday),
        ("DBT Skills Group", ServiceCode.GroupPsychotherapy, 10, IsoDayOfWeek.Monday),
        ("Grief and Loss Circle", ServiceCode.GroupPsychotherapy, null, IsoDayOfWeek.Wednesday),
        ("Parents Together (family)", ServiceCode.FamilyPsychotherapy, 6, IsoDayOfWeek.Thursday),
    ];

    /// <summary>Seven clients per clinician with a mix of billing, and groups filled from each owner's caseload.</summary>
    private async Task SeedCaseloadsAsync(List<string> clinicianIds, Practice practice, CancellationToken ct)
    {
        var today = practice.Today(clock.Now);
        var clients = new List<Client>();
        for (var i = 0; i < FirstNames.Length; i++)
        {
            var first = FirstNames[i];
            var billing = (i % 3) switch
            {
                0 => BillingSettings.SelfPay(),
                1 => BillingSettings.SelfPay(i % 2 == 0 ? 45.00m : 70.00m),
                _ => BillingSettings.Insurance(i % 2 == 0 ? "Blue Harbor Health" : "Evergreen Mutual", $"BH{100200 + (i * 37)}", i % 4 == 0 ? 20.00m : 35.00m),
            };
            var details = new ClientDetails(first, LastNames[i], new LocalDate(1960 + (i * 2), 1 + (i % 12), 1 + (i % 27)),
                $"{first.ToLowerInvariant()}.{LastNames[i].ToLowerInvariant()}@mail.example", $"+1 555 01{i:00} {1000 + i}",
                new ReminderPreferences(Email: true, Text: i % 2 == 0), billing, null);
            var (client, outcome) = Client.Create(clinicianIds[i % clinicianIds.Count], details, today);
            clients.Add(client ?? throw new InvalidOperationException($"Seeding {first}: {outcome.First?.Message}"));
        }

        db.Clients.AddRange(clients);
        var groups = new List<Group>();
        for (var g = 0; g < GroupPlan.Length; g++)
        {
            var (name, code, capacity, _) = GroupPlan[g];
            var owner = clinicianIds[g % clinicianIds.Count];
            var (group, _) = Group.Create(owner, name, code, capacity);
            foreach (var client in clients.Where(c => c.ClinicianId == owner).Take(capacity ?? 5))
            {
                group!.AddMember(client, today.PlusDays(-42));
            }

            groups.Add(group!);
        }

        db.Groups.AddRange(groups);
        SeedAppointments(clients, groups, practice, today);
        await db.SaveChangesAsync(ct);
        await reminders.SyncFutureAsync(ct);
    }

    /// <summary>
    /// A month around today: each group weekly at 17:00 for five weeks, each client weekly with their
    /// clinician for four weeks, starting two weeks back so the calendar has a past and a future.
    /// </summary>
    private void SeedAppointments(List<Client> clients, List<Group> groups, Practice practice, LocalDate today)
    {
        var monday = today.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)).PlusWeeks(-2);
        var byId = clients.ToDictionary(c => c.Id);
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var start = monday.PlusDays((int)GroupPlan[g].Day - 1) + new LocalTime(17, 0);
            Book(new BookingRequest(AppointmentKind.Group, group.ClinicianId, group.ServiceCode, group, null,
                new SessionSlot(start, 90, "Group room"), null, null, new Recurrence(Frequency.Weekly, 1, 5, null)), byId, practice);
        }

        foreach (var caseload in clients.GroupBy(c => c.ClinicianId))
        {
            var k = 0;
            foreach (var client in caseload)
            {
                var start = monday.PlusDays(k % 5) + new LocalTime(9 + (2 * (k / 5)), 0);
                var location = k % 3 == 2 ? $"https://meet.{Domain}/{caseload.Key[..8]}" : $"Room {1 + (k % 2)}";
                Book(new BookingRequest(AppointmentKind.Individual, client.ClinicianId, "90834", null, client,
                    new SessionSlot(start, 45, location), null, null, new Recurrence(Frequency.Weekly, 1, 4, null)), byId, practice);
                k++;
            }
        }
    }

    private void Book(BookingRequest request, Dictionary<string, Client> clients, Practice practice)
    {
        var (booked, outcome) = Booking.Book(request, clients, practice.Zone, clock.Now);
        if (booked is null)
        {
            throw new InvalidOperationException($"Seeding appointments: {outcome.First?.Message}");
        }

        db.Series.Add(booked.Series!);
        db.Appointments.AddRange(booked.Appointments);
    }
}
