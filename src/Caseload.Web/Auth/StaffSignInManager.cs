using System.Security.Claims;
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
/// Every sign-in, failed sign-in and sign-out is written to the audit trail: the Login page and the
/// API's <c>/auth/login</c> both sign in through this class, so neither can forget.
/// </summary>
internal sealed class StaffSignInManager(
    UserManager<StaffUser> users,
    IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<StaffUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation,
    AuditTrail audit)
    : SignInManager<StaffUser>(users, http, claims, options, logger, schemes, confirmation)
{
    private static readonly Lazy<string> UnknownUserHash =
        new(() => new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Guid.NewGuid().ToString()));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = string.IsNullOrEmpty(userName) ? null : await UserManager.FindByNameAsync(userName);
        SignInResult result;
        if (user is null)
        {
            HashLikeAKnownUser(password);
            result = SignInResult.Failed;
        }
        else
        {
            result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false);
        }

        if (!result.Succeeded && !result.RequiresTwoFactor)
        {
            var why = result.IsNotAllowed ? "not allowed" : user is null ? "no such account" : "wrong password";
            await audit.RecordAsync(
                [new AuditEvent(AuditActions.SignInFailed, AuditEntities.User, user?.Id ?? "", Detail: $"{why}: {userName}", Refused: true)],
                Context.RequestAborted, new AuditActor(user?.Id ?? "", user?.DisplayName ?? userName ?? ""));
        }

        return result;
    }

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);
        await AuditFailedCodeAsync(user, result, "wrong two-factor code");
        return result;
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        await AuditFailedCodeAsync(user, result, "wrong recovery code");
        return result;
    }

    /// <summary>Every successful sign-in ends here: password, two-factor, cookie or bearer token.</summary>
    public override async Task SignInWithClaimsAsync(StaffUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
        var how = AuthenticationScheme == IdentityConstants.BearerScheme ? "bearer token" : "cookie";
        await audit.RecordAsync([new AuditEvent(AuditActions.SignIn, AuditEntities.User, user.Id, Detail: how)], Context.RequestAborted,
            new AuditActor(user.Id, user.DisplayName));
    }

    public override async Task SignOutAsync()
    {
        if (Context.User.Identity?.IsAuthenticated == true)
        {
            await audit.RecordAsync(AuditActions.SignOut, AuditEntities.User, Context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", null,
                Context.RequestAborted);
        }

        await base.SignOutAsync();
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

    /// <summary>A wrong second factor after a right password: a failed sign-in of that user.</summary>
    private async Task AuditFailedCodeAsync(StaffUser? user, SignInResult result, string why)
    {
        if (user is null || result.Succeeded)
        {
            return;
        }

        await audit.RecordAsync([new AuditEvent(AuditActions.SignInFailed, AuditEntities.User, user.Id, Detail: $"{why}: {user.Email}", Refused: true)],
            Context.RequestAborted, new AuditActor(user.Id, user.DisplayName));
    }

    private void HashLikeAKnownUser(string? password) =>
        UserManager.PasswordHasher.VerifyHashedPassword(new StaffUser(), UnknownUserHash.Value, password ?? "");
}
