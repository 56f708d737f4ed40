using Caseload.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Portal;

/// <summary>Ends the client's session here and forgets the portal's cookie.</summary>
public sealed class SignOutModel(SignOutOfPortal signOut) : PageModel
{
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await signOut.HandleAsync(ct);
        PortalAuthentication.DeleteCookie(HttpContext);
        return Redirect("/portal/sign-in?signedOut=true");
    }
}
