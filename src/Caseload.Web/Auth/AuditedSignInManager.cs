using System.Security.Claims;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Caseload.Web.Auth;

/// <summary>
/// The sign-in manager with every sign-in, failed sign-in and sign-out written to the audit trail. The
/// Login page and the API's <c>/auth/login</c> both sign in through it, so neither can forget.
/// </summary>
internal sealed class AuditedSignInManager(
    UserManager<StaffUser> users,
    IHttpContextAccessor accessor,
    IUserClaimsPrincipalFactory<StaffUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation,
    AuditTrail audit)
    : SignInManager<StaffUser>(users, accessor, claims, options, logger, schemes, confirmation)
{
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var result = await base.PasswordSignInAsync(userName, password, isPersistent, lockoutOnFailure);
        if (!result.Succeeded && !result.RequiresTwoFactor)
        {
            var user = await UserManager.FindByNameAsync(userName ?? "");
            var why = result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : user is null ? "no such account" : "wrong password";
            await audit.RecordAsync(
                [new AuditEvent(AuditActions.SignInFailed, AuditEntities.User, user?.Id ?? "", Detail: $"{why}: {userName}", Refused: true)],
                Context.RequestAborted, new AuditActor(user?.Id ?? "", user?.DisplayName ?? userName ?? ""));
        }

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
}
