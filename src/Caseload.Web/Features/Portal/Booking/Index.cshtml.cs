using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Caseload.Web.Features.Portal.Booking;

/// <summary>
/// The groups a client may book, under their client-facing titles, with each session's seats as available, few or
/// full; booking a seat, and joining the waitlist of a full session. A session that fills while the client chooses
/// says so and offers its waitlist.
/// </summary>
public sealed class PortalBookModel(
    Openings openings, ClientWaitlist waitlist, BookSeat book, JoinWaitlist join, CurrentClient me, KeptPractice practice, PageDates dates) : PageModel
{
    public IReadOnlyList<Opening> Groups { get; private set; } = [];

    /// <summary>The sessions the client is already waiting for: they show their place instead of the button.</summary>
    public IReadOnlySet<string> Waiting { get; private set; } = new HashSet<string>();

    [TempData]
    public string? Notice { get; set; }

    public string? Message { get; private set; }

    /// <summary>The session the client tried to book and found full, offered its waitlist.</summary>
    public string? FoundFull { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Groups = await openings.ForClientAsync(me.ClientId, ct);
        Waiting = (await waitlist.ForClientAsync(me.ClientId, ct)).Select(w => w.AppointmentId).ToHashSet();
        Zone = await practice.ZoneAsync(ct);
    }

    public async Task<IActionResult> OnPostBookAsync(string? appointmentId, CancellationToken ct)
    {
        var booked = await book.HandleAsync(new BookSeatCommand(me.ClientId, appointmentId), ct);
        if (booked.Succeeded)
        {
            Notice = $"Your seat is booked for {dates.WeekdayDateTime(booked.Value.Start, await practice.ZoneAsync(ct))}. It is under Sessions.";
            return RedirectToPage();
        }

        FoundFull = booked.First?.Code == RefusalCodes.Full ? appointmentId : null;
        return await RefusedAsync(booked.AsOutcome, ct);
    }

    public async Task<IActionResult> OnPostWaitAsync(string? appointmentId, CancellationToken ct)
    {
        var joined = await join.HandleAsync(new JoinWaitlistCommand(me.ClientId, appointmentId), ct);
        if (joined.Succeeded)
        {
            Notice = $"You are on the waitlist: number {joined.Value.Position} in line. When a seat frees for you, we email you.";
            return RedirectToPage();
        }

        return await RefusedAsync(joined.AsOutcome, ct);
    }

    public string When(OpenSession session) => dates.WeekdayDateTime(session.Start, Zone);

    private async Task<IActionResult> RefusedAsync(Outcome refused, CancellationToken ct)
    {
        Message = refused.First?.Message;
        await OnGetAsync(ct);
        return Page();
    }
}
