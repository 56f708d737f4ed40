using System.ComponentModel.DataAnnotations;
using Caseload.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Portal;

/// <summary>The portal's second sign-in step: the emailed code. The right one opens a session in the portal's own cookie.</summary>
public sealed class SignInCodeModel(VerifySignInCode verify) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter the six-digit code from the email.")]
    public string Code { get; set; } = "";

    /// <summary>The code of the client's authenticator app, asked for once the emailed code was right and the client uses one.</summary>
    [BindProperty]
    public string? AuthenticatorCode { get; set; }

    public bool AsksForAuthenticator { get; private set; }

    public IActionResult OnGet()
    {
        if (TempData.Peek(SignInModel.EmailKey) is not string email)
        {
            return RedirectToPage("/Portal/SignIn");
        }

        Email = email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await verify.HandleAsync(new VerifySignInCodeCommand(Email, Code, AuthenticatorCode), ct);
        if (!outcome.Succeeded)
        {
            AsksForAuthenticator = outcome.First?.Field == "authenticatorCode";
            ModelState.AddTo(outcome, prefix: "");
            return Page();
        }

        TempData.Remove(SignInModel.EmailKey);
        PortalAuthentication.WriteCookie(HttpContext, outcome.Value.Token);
        return Redirect("/portal");
    }
}
