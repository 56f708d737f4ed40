using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Portal;

/// <summary>The client's security: adding an authenticator app to the emailed code, or stopping its use.</summary>
public sealed class SecurityModel(CaseloadDbContext db, CurrentClient current, KeptPractice practice, PreparePortalAuthenticator prepare,
    TurnOnPortalTwoFactor turnOn, TurnOffPortalTwoFactor turnOff) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public bool TwoFactorOn { get; private set; }

    /// <summary>The key being added, shown until the client proves their app has it.</summary>
    public PortalAuthenticatorKey? Key { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(bool changed, CancellationToken ct)
    {
        TwoFactorOn = await db.PortalAccounts.Where(a => a.ClientId == current.ClientId).Select(a => a.TwoFactorOn).SingleAsync(ct);
        Message = changed ? (TwoFactorOn ? "Your authenticator app is on." : "Your authenticator app is off.") : null;
    }

    public async Task<IActionResult> OnPostPrepareAsync(CancellationToken ct)
    {
        var outcome = await prepare.HandleAsync(ct);
        await OnGetAsync(false, ct);
        if (outcome.Succeeded)
        {
            Key = outcome.Value;
        }
        else
        {
            ModelState.AddTo(outcome, prefix: "");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostTurnOnAsync(CancellationToken ct)
    {
        var outcome = await turnOn.HandleAsync(Code, ct);
        if (outcome.Succeeded)
        {
            return RedirectToPage(new { changed = true });
        }

        ModelState.AddTo(outcome, prefix: "");
        await OnGetAsync(false, ct);
        var key = await db.PortalAccounts.Where(a => a.ClientId == current.ClientId).Select(a => new { a.AuthenticatorKey, a.InvitedEmail }).SingleAsync(ct);
        if (key.AuthenticatorKey is { } shared)
        {
            Key = PortalAuthenticatorKey.For(shared, key.InvitedEmail, await practice.NameAsync(ct));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostTurnOffAsync(CancellationToken ct)
    {
        var outcome = await turnOff.HandleAsync(Code, ct);
        if (outcome.Succeeded)
        {
            return RedirectToPage(new { changed = true });
        }

        ModelState.AddTo(outcome, prefix: "");
        await OnGetAsync(false, ct);
        return Page();
    }
}
