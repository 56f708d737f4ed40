using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Caseload.Web.Features.Settings.Users;

/// <summary>Lets a deactivated staff user sign in again, with their old password and roles; old sessions stay ended.</summary>
[FeatureApi]
public sealed class ReactivateStaffUser(UserManager<StaffUser> users)
{
    public async Task<Outcome> HandleAsync(string userId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Refusal.NotFound("No such staff user.");
        }

        if (user.Active)
        {
            return Outcome.Done;
        }

        user.DeactivatedAt = null;
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", updated.Errors.Select(e => e.Description)));
        }

        return Outcome.Done;
    }
}
