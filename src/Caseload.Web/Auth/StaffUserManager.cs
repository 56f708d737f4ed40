using Caseload.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Caseload.Web.Auth;

/// <summary>
/// Identity's user manager, telling this instance's session cache whenever an account is saved (a
/// new password, roles, deactivation all change the security stamp), so its old sessions are refused
/// at once here and within <see cref="StaffSessions.CacheFor"/> on other instances.
/// </summary>
/// <remarks>
/// Turning two-factor on or off and a new authenticator key keep the security stamp: setting up
/// two-factor takes two requests (a key, then a code), and a stamp changed by the first would end the
/// very session that is setting it up. A password, role or deactivation still ends every session.
/// </remarks>
internal sealed class StaffUserManager(
    IUserStore<StaffUser> store,
    IOptions<IdentityOptions> options,
    IPasswordHasher<StaffUser> hasher,
    IEnumerable<IUserValidator<StaffUser>> userValidators,
    IEnumerable<IPasswordValidator<StaffUser>> passwordValidators,
    ILookupNormalizer normalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<StaffUser>> logger,
    IMemoryCache cache)
    : UserManager<StaffUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    public override Task<IdentityResult> SetTwoFactorEnabledAsync(StaffUser user, bool enabled) =>
        KeepingSessionsAsync(user, () => base.SetTwoFactorEnabledAsync(user, enabled));

    public override Task<IdentityResult> ResetAuthenticatorKeyAsync(StaffUser user) =>
        KeepingSessionsAsync(user, () => base.ResetAuthenticatorKeyAsync(user));

    private async Task<IdentityResult> KeepingSessionsAsync(StaffUser user, Func<Task<IdentityResult>> change)
    {
        var stamp = user.SecurityStamp;
        var result = await change();
        if (!result.Succeeded || user.SecurityStamp == stamp)
        {
            return result;
        }

        user.SecurityStamp = stamp;
        return await UpdateUserAsync(user);
    }

    protected override async Task<IdentityResult> UpdateUserAsync(StaffUser user)
    {
        var result = await base.UpdateUserAsync(user);
        StaffSessions.Forget(cache, user.Id);
        return result;
    }
}
