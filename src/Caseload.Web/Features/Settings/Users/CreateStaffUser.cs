using System.Net.Mail;
using Caseload.Domain;
using Caseload.Domain.Staff;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.Users;

[FeatureApi]
public sealed record NewStaffUser(string Email, string Password, string DisplayName, IReadOnlyList<string> Roles, string? Credentials = null);

[FeatureApi]
public sealed record CreatedStaffUser(string Id, string? ClinicianId);

/// <summary>Creates a staff account with its roles; a Clinician also gets the clinician record the calendar shows.</summary>
[FeatureApi]
public sealed class CreateStaffUser(CaseloadDbContext db, UserManager<StaffUser> users)
{
    public async Task<Outcome<CreatedStaffUser>> HandleAsync(NewStaffUser input, CancellationToken ct = default)
    {
        var refusals = Validate(input);
        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        var email = input.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return new Refusal(RefusalCodes.EmailTaken, "A staff user with this email already exists.", "email");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName.Trim() };
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded)
        {
            return Outcome.From([.. created.Errors.Select(e => Refusal.Invalid(FieldOf(e), e.Description))]);
        }

        var roles = Roles.All.Where(r => input.Roles.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        var added = await users.AddToRolesAsync(user, roles);
        if (!added.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", added.Errors.Select(e => e.Description)));
        }

        Clinician? clinician = null;
        if (roles.Contains(Roles.Clinician))
        {
            var existing = await db.Clinicians.CountAsync(ct);
            clinician = new Clinician(user.Id, user.DisplayName, input.Credentials?.Trim() ?? "", Clinician.ColorFor(existing));
            db.Clinicians.Add(clinician);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return new CreatedStaffUser(user.Id, clinician?.Id);
    }

    private static List<Refusal> Validate(NewStaffUser input)
    {
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(input.Email) || !MailAddress.TryCreate(input.Email.Trim(), out _) || input.Email.Length > 256)
        {
            refusals.Add(Refusal.Invalid("email", "Enter a valid email address."));
        }

        if (string.IsNullOrWhiteSpace(input.DisplayName) || input.DisplayName.Trim().Length > 200)
        {
            refusals.Add(Refusal.Invalid("displayName", "Enter the name colleagues know this person by (at most 200 characters)."));
        }

        if (string.IsNullOrEmpty(input.Password))
        {
            refusals.Add(Refusal.Invalid("password", "Enter a password."));
        }

        var roles = input.Roles ?? [];
        if (roles.Count == 0 || roles.Any(r => !Roles.All.Contains(r, StringComparer.OrdinalIgnoreCase)))
        {
            refusals.Add(Refusal.Invalid("roles", $"Choose one or more of: {string.Join(", ", Roles.All)}."));
        }

        return refusals;
    }

    private static string FieldOf(IdentityError error) =>
        error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email";
}
