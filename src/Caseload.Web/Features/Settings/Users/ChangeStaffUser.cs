using Caseload.Domain;
using Caseload.Domain.Staff;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.Users;

[FeatureApi]
public sealed record StaffUserChange(string UserId, string DisplayName, IReadOnlyList<string> Roles);

/// <summary>
/// Renames a staff user and sets their roles. A change of roles ends the user's sessions (their
/// sign-in carries the old roles); giving the Clinician role makes the clinician record the calendar
/// shows, and taking it away keeps that record with its clients and appointments.
/// </summary>
[FeatureApi]
public sealed class ChangeStaffUser(CaseloadDbContext db, UserManager<StaffUser> users)
{
    public async Task<Outcome> HandleAsync(StaffUserChange change, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(change.UserId);
        if (user is null)
        {
            return Refusal.NotFound("No such staff user.");
        }

        var refusals = new List<Refusal>();
        var displayName = change.DisplayName?.Trim() ?? "";
        if (displayName.Length == 0 || displayName.Length > 200)
        {
            refusals.Add(Refusal.Invalid("displayName", "Enter the name colleagues know this person by (at most 200 characters)."));
        }

        var requested = change.Roles ?? [];
        if (requested.Count == 0 || requested.Any(r => !Roles.All.Contains(r, StringComparer.OrdinalIgnoreCase)))
        {
            refusals.Add(Refusal.Invalid("roles", $"Choose one or more of: {string.Join(", ", Roles.All)}."));
        }

        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        var roles = Roles.All.Where(r => requested.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Administrator) && !roles.Contains(Roles.Administrator) && user.Active
            && await db.KeepsAnAdministratorAsync(user.Id, ct) is { } lastAdministrator)
        {
            return lastAdministrator;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.DisplayName = displayName;
        var clinician = await db.Clinicians.FirstOrDefaultAsync(c => c.UserId == user.Id, ct);
        clinician?.Rename(displayName);
        if (clinician is null && roles.Contains(Roles.Clinician))
        {
            db.Clinicians.Add(new Clinician(user.Id, displayName, "", Clinician.ColorFor(await db.Clinicians.CountAsync(ct))));
        }

        var added = roles.Except(current).ToList();
        var removed = current.Except(roles).ToList();
        Require(await users.AddToRolesAsync(user, added));
        Require(await users.RemoveFromRolesAsync(user, removed));
        if (added.Count > 0 || removed.Count > 0)
        {
            Require(await users.UpdateSecurityStampAsync(user));
        }
        else
        {
            Require(await users.UpdateAsync(user));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome.Done;
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
