using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Caseload.Web.Features.CalendarFeeds;

/// <summary>
/// The signed-in staff member's own calendar feed: make it, copy its address (shown only in the answer that made
/// it, as only its hash is kept), make a new one in its place, or end it.
/// </summary>
public sealed class IndexModel(CreateCalendarFeed create, RevokeCalendarFeed revoke, CalendarFeedState state, CurrentStaff staff, KeptPractice practice)
    : PageModel
{
    public bool IsClinician { get; private set; }

    /// <summary>When the current address was made, in the practice zone; null without a feed.</summary>
    public LocalDateTime? Since { get; private set; }

    /// <summary>The new address, in the answer that made it and nowhere else.</summary>
    public string? FeedUrl { get; private set; }

    public bool Revoked { get; private set; }

    public async Task OnGetAsync(bool revoked, CancellationToken ct)
    {
        Revoked = revoked;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var made = await create.HandleAsync(ct);
        if (!made.Succeeded)
        {
            ModelState.AddTo(made, prefix: "");
        }
        else
        {
            FeedUrl = CalendarFeedAddress.For(Request, made.Value);
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        await revoke.OwnAsync(ct);
        return RedirectToPage(new { revoked = true });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        IsClinician = await staff.ClinicianIdAsync(ct) is not null;
        var zone = await practice.ZoneAsync(ct);
        Since = (await state.CreatedAtAsync(staff.UserId, ct))?.InZone(zone).LocalDateTime;
    }
}
