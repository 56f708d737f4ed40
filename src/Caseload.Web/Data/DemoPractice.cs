using System.Security.Cryptography;
using Caseload.Domain.Billing;
using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using Caseload.Domain.Practices;
using Caseload.Web.Auth;
using Caseload.Web.Features.Settings.Users;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Data;

/// <summary>
/// A practice to try the product on: staff in every role (one password generated for this
/// installation and printed once), clients on each clinician's caseload, and groups.
/// </summary>
internal sealed class DemoPractice(CaseloadDbContext db, CreateStaffUser createStaff, Clock clock)
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

        var password = "Demo-" + RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 12);
        var lines = new List<string>();
        var clinicianIds = new List<string>();
        foreach (var (name, credentials, roles) in Staff)
        {
            var email = $"{name.Split(' ')[0].ToLowerInvariant()}@{Domain}";
            var (created, outcome) = await createStaff.HandleAsync(new NewStaffUser(email, password, name, roles, credentials), ct);
            if (created is null)
            {
                throw new InvalidOperationException($"Seeding {email}: {outcome.First?.Message}");
            }

            if (created.ClinicianId is { } clinicianId)
            {
                clinicianIds.Add(clinicianId);
            }

            lines.Add($"  {email,-28} {string.Join(", ", roles)}");
        }

        await SeedCaseloadsAsync(clinicianIds, practice.Today(clock.Now), ct);

        await Console.Out.WriteLineAsync(
            $"""

            Caseload demo practice "Riverbend Counseling" was created. Sign in as any of:
            {string.Join(Environment.NewLine, lines)}
              password for all of them: {password}
            (Shown only this once.)

            """);
    }

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

    private static readonly (string Name, string Code, int? Capacity)[] GroupPlan =
    [
        ("Tuesday Anxiety Skills", ServiceCode.GroupPsychotherapy, 8),
        ("DBT Skills Group", ServiceCode.GroupPsychotherapy, 10),
        ("Grief and Loss Circle", ServiceCode.GroupPsychotherapy, null),
        ("Parents Together (family)", ServiceCode.FamilyPsychotherapy, 6),
    ];

    /// <summary>Seven clients per clinician with a mix of billing, and groups filled from each owner's caseload.</summary>
    private async Task SeedCaseloadsAsync(List<string> clinicianIds, LocalDate today, CancellationToken ct)
    {
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
        for (var g = 0; g < GroupPlan.Length; g++)
        {
            var (name, code, capacity) = GroupPlan[g];
            var owner = clinicianIds[g % clinicianIds.Count];
            var (group, _) = Group.Create(owner, name, code, capacity);
            foreach (var client in clients.Where(c => c.ClinicianId == owner).Take(capacity ?? 5))
            {
                group!.AddMember(client, today.PlusDays(-42));
            }

            db.Groups.Add(group!);
        }

        await db.SaveChangesAsync(ct);
    }
}
