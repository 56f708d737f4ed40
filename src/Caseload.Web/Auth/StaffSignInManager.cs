using Caseload.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Caseload.Web.Auth;

/// <summary>
/// Identity's sign-in with three changes. An unknown email costs a password hash like a known one,
/// and a deactivated account answers like a wrong password, so neither the answer nor its time tells
/// a prober which accounts exist. Lockout is never applied: five wrong guesses must not let anyone
/// lock the administrator out; repeated attempts are throttled instead (<see cref="SignInThrottling"/>).
/// </summary>
internal sealed class StaffSignInManager(
    UserManager<StaffUser> users,
    IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<StaffUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation)
    : SignInManager<StaffUser>(users, http, claims, options, logger, schemes, confirmation)
{
    private static readonly Lazy<string> UnknownUserHash =
        new(() => new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Guid.NewGuid().ToString()));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = string.IsNullOrEmpty(userName) ? null : await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            HashLikeAKnownUser(password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(StaffUser user, string password, bool lockoutOnFailure)
    {
        if (!user.Active)
        {
            HashLikeAKnownUser(password);
            return SignInResult.Failed;
        }

        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
    }

    public override async Task<bool> CanSignInAsync(StaffUser user) => user.Active && await base.CanSignInAsync(user);

    protected override Task<bool> IsLockedOut(StaffUser user) => Task.FromResult(false);

    private void HashLikeAKnownUser(string? password) =>
        UserManager.PasswordHasher.VerifyHashedPassword(new StaffUser(), UnknownUserHash.Value, password ?? "");
}
