using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Caseload.Web.Features.Settings.Users;

/// <summary>
/// Switches a staff account off at once: it can no longer sign in and its open sessions (cookies,
/// access and refresh tokens) are refused from their next request. Everything the user recorded stays;
/// a clinician's clients and appointments keep them as their clinician.
/// </summary>
[FeatureApi]
public sealed class DeactivateStaffUser(CaseloadDbContext db, UserManager<StaffUser> users, CurrentStaff staff, Clock clock)
{
    public async Task<Outcome> HandleAsync(string userId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Refusal.NotFound("No such staff user.");
        }

        if (user.Id == staff.UserId)
        {
            return new Refusal(RefusalCodes.CannotDeactivateSelf, "You cannot switch off your own account. Ask another administrator.");
        }

        if (!user.Active)
        {
            return Outcome.Done;
        }

        if (await db.IsAdministratorAsync(user.Id, ct) && await db.KeepsAnAdministratorAsync(user.Id, ct) is { } lastAdministrator)
        {
            return lastAdministrator;
        }

        user.DeactivatedAt = clock.Now;
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", updated.Errors.Select(e => e.Description)));
        }

        return Outcome.Done;
    }
}
