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
    protected override async Task<IdentityResult> UpdateUserAsync(StaffUser user)
    {
        var result = await base.UpdateUserAsync(user);
        StaffSessions.Forget(cache, user.Id);
        return result;
    }
}
