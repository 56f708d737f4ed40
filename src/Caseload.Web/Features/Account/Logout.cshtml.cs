using Caseload.Web.Data;
using Caseload.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Account;

public sealed class LogoutModel(SignInManager<StaffUser> signIn, StaffSessions sessions) : PageModel
{
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Ends the session server-side too, so a copy of the cookie stops working as well.
        await sessions.EndAsync(User, ct);
        await signIn.SignOutAsync();
        return RedirectToPage();
    }
}
