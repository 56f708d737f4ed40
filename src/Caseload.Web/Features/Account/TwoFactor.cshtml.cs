using System.ComponentModel.DataAnnotations;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Account;

/// <summary>
/// The signed-in user's two-factor sign-in: scan the key, confirm with a code, keep the recovery codes;
/// or turn it off. It sits with the sign-in pages, open to anyone, so it checks the sign-in itself, and
/// it stays reachable when the practice requires two-factor of someone who has not set it up.
/// </summary>
public sealed class TwoFactorModel(
    UserManager<StaffUser> users, SignInManager<StaffUser> signIn,
    PrepareAuthenticator prepare, TurnOnTwoFactor turnOn, TurnOffTwoFactor turnOff) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the code from your authenticator app."), StringLength(64)]
    public string Code { get; set; } = "";

    public bool Enabled { get; private set; }

    public AuthenticatorKey? Key { get; private set; }

    /// <summary>Shown once, in the answer that turned two-factor on.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public bool TurnedOff { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool off)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        TurnedOff = off;
        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostTurnOnAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(user);
        }

        var outcome = await turnOn.HandleAsync(new TurnOnTwoFactorCommand(user, Code));
        if (!outcome.Succeeded)
        {
            ModelState.AddModelError(nameof(Code), outcome.First!.Message);
            return await ShowAsync(user);
        }

        await signIn.RefreshSignInAsync(user);
        RecoveryCodes = outcome.Value;
        Enabled = true;
        return Page();
    }

    public async Task<IActionResult> OnPostTurnOffAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(user);
        }

        var outcome = await turnOff.HandleAsync(new TurnOffTwoFactorCommand(user, Code));
        if (!outcome.Succeeded)
        {
            ModelState.AddModelError(nameof(Code), outcome.First!.Message);
            return await ShowAsync(user);
        }

        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { off = true });
    }

    private async Task<IActionResult> ShowAsync(StaffUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (!Enabled)
        {
            var hadKey = !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user));
            Key = await prepare.HandleAsync(user);
            if (!hadKey)
            {
                // A new key changes the security stamp; renew this sign-in so it is not taken for a stale one.
                await signIn.RefreshSignInAsync(user);
            }
        }

        return Page();
    }
}
