using System.Security.Cryptography;
using Caseload.Domain.Practices;
using Caseload.Web.Auth;
using Caseload.Web.Features.Settings.Users;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Data;

/// <summary>
/// A practice to try the product on: staff in every role, with one password generated for this
/// installation and printed once.
/// </summary>
internal sealed class DemoPractice(CaseloadDbContext db, CreateStaffUser createStaff)
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
        foreach (var (name, credentials, roles) in Staff)
        {
            var email = $"{name.Split(' ')[0].ToLowerInvariant()}@{Domain}";
            var (_, outcome) = await createStaff.HandleAsync(new NewStaffUser(email, password, name, roles, credentials), ct);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"Seeding {email}: {outcome.Refusals[0].Message}");
            }

            lines.Add($"  {email,-28} {string.Join(", ", roles)}");
        }

        await Console.Out.WriteLineAsync(
            $"""

            Caseload demo practice "Riverbend Counseling" was created. Sign in as any of:
            {string.Join(Environment.NewLine, lines)}
              password for all of them: {password}
            (Shown only this once.)

            """);
    }
}
