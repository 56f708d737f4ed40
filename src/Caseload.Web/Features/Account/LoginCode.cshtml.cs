using System.ComponentModel.DataAnnotations;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Account;

/// <summary>
/// The second step of signing in for staff with two-factor on: the password was right (Identity remembers
/// that for five minutes in its own short-lived cookie), now the authenticator code or a recovery code.
/// </summary>
public sealed class LoginCodeModel(SignInManager<StaffUser> signIn) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the code from your authenticator app or a recovery code."), StringLength(64)]
    public string Code { get; set; } = "";

    [BindProperty]
    public bool UseRecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? StartAgain() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return StartAgain();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = UseRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? "This account is locked after too many failed attempts. Try again in 15 minutes or ask an administrator."
            : UseRecoveryCode ? "That recovery code is not right or was used already." : "That code is not right. Enter the current code from your app.");
        return Page();
    }

    private RedirectToPageResult StartAgain() => RedirectToPage("/Account/Login", new { ReturnUrl });
}
