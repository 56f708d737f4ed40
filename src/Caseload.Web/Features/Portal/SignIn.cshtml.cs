using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Portal;

/// <summary>The portal's first sign-in step: the client's email. Every email goes on to the code page alike.</summary>
public sealed class SignInModel(RequestSignInCode request) : PageModel
{
    /// <summary>Carries the email to the code page without putting it in an address.</summary>
    public const string EmailKey = "PortalSignInEmail";

    [BindProperty, Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "Enter a valid email address."),
     StringLength(Domain.TextLimits.Email, ErrorMessage = "That email address is too long.")]
    public string Email { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public bool SignedOut { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await request.HandleAsync(new RequestSignInCodeCommand(Email), ct);
        TempData[EmailKey] = Email.Trim();
        return RedirectToPage("/Portal/SignInCode");
    }
}
