using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Caseload.Web.Features.Portal.Booking;

/// <summary>
/// The client's places on waitlists: their rank in each line, a seat held for them shown first with until when, taking
/// it or letting it go, and leaving a line.
/// </summary>
public sealed class PortalWaitlistModel(
    ClientWaitlist waitlist, AcceptOffer accept, DeclineOffer decline, LeaveWaitlist leave, CurrentClient me, KeptPractice practice, PageDates dates)
    : PageModel
{
    public IReadOnlyList<WaitlistPlaceView> Places { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public string? Message { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Places = await waitlist.ForClientAsync(me.ClientId, ct);
        Zone = await practice.ZoneAsync(ct);
    }

    public async Task<IActionResult> OnPostTakeAsync(string id, CancellationToken ct)
    {
        var taken = await accept.HandleAsync(new AcceptOfferCommand(me.ClientId, id), ct);
        return taken.Succeeded
            ? Done($"The seat is yours: you are booked for {dates.WeekdayDateTime(taken.Value.Start, await practice.ZoneAsync(ct))}. It is under Sessions.")
            : await RefusedAsync(taken.AsOutcome, ct);
    }

    public async Task<IActionResult> OnPostLetGoAsync(string id, CancellationToken ct)
    {
        var declined = await decline.HandleAsync(new DeclineOfferCommand(me.ClientId, id), ct);
        return declined.Succeeded
            ? Done("You let the seat go: it passes to the next person in line, and your place on that waitlist has ended.")
            : await RefusedAsync(declined, ct);
    }

    public async Task<IActionResult> OnPostLeaveAsync(string id, CancellationToken ct)
    {
        var left = await leave.HandleAsync(new LeaveWaitlistCommand(me.ClientId, id), ct);
        return left.Succeeded ? Done("You left the waitlist.") : await RefusedAsync(left, ct);
    }

    public string When(Instant at) => dates.WeekdayDateTime(at, Zone);

    private RedirectToPageResult Done(string notice)
    {
        Notice = notice;
        return RedirectToPage();
    }

    private async Task<IActionResult> RefusedAsync(Outcome refused, CancellationToken ct)
    {
        Message = refused.First?.Message;
        await OnGetAsync(ct);
        return Page();
    }
}
