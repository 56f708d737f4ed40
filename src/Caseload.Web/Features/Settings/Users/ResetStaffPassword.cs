using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Caseload.Web.Features.Settings.Users;

[FeatureApi]
public sealed record StaffPasswordReset(string UserId, string NewPassword);

/// <summary>
/// An administrator sets a new password for a staff user who forgot theirs (and tells them in person
/// or by phone, not by email). The password rules apply, and the user's open sessions end.
/// </summary>
[FeatureApi]
public sealed class ResetStaffPassword(UserManager<StaffUser> users)
{
    public async Task<Outcome> HandleAsync(StaffPasswordReset reset, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(reset.UserId);
        if (user is null)
        {
            return Refusal.NotFound("No such staff user.");
        }

        if (string.IsNullOrEmpty(reset.NewPassword))
        {
            return Refusal.Invalid("password", "Enter the new password.");
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, reset.NewPassword);
        if (!result.Succeeded)
        {
            return Outcome.From([.. result.Errors.Select(e => Refusal.Invalid("password", e.Description))]);
        }

        return Outcome.Done;
    }
}
