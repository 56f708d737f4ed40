using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Account;

/// <summary>
/// "Stay signed in": the cheapest request that carries the sign-in cookie, so the cookie is renewed for
/// the practice's idle time. 204 while signed in, 401 once the session has ended.
/// </summary>
public sealed class KeepAliveModel : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? new NoContentResult() : Unauthorized();
}
