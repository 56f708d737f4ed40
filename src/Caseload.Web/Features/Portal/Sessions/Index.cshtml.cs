using System.Globalization;
using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Portal.Sessions;

/// <summary>A late cancellation waiting for the client to accept its fee: the session and the practice's words naming the fee.</summary>
public sealed record LateFeeToConfirm(MySession Session, string Message);

/// <summary>One session in the page's lists, with its time already in words.</summary>
public sealed record PortalSessionRow(MySession Session, string When, bool Upcoming);

/// <summary>
/// The client's own sessions: upcoming and past, each with its calendar file, and cancelling under the practice's
/// policy. Inside the late-cancel window the first press only names the fee; the cancellation happens when the client
/// confirms it (<see cref="CancelMySession"/>).
/// </summary>
public sealed class PortalSessionsModel(
    MySessions sessions, MyAppointmentCalendar calendar, CancelMySession cancel, CurrentClient me, CaseloadDbContext db, PageDates dates) : PageModel
{
    public MySessionList List { get; private set; } = new(NodaTime.DateTimeZone.Utc, [], []);

    /// <summary>The session just cancelled, read once after the redirect to say what happened.</summary>
    [TempData]
    public string? Cancelled { get; set; }

    /// <summary>The fee of a late cancellation just confirmed, with its currency ("40.00 USD").</summary>
    [TempData]
    public string? LateFee { get; set; }

    public string? Notice { get; private set; }

    public string? Message { get; private set; }

    public LateFeeToConfirm? FeeToConfirm { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } end)
        {
            return end;
        }

        if (Cancelled is { } id && Find(id) is { } session)
        {
            Notice = Said(session);
        }

        return Page();
    }

    /// <summary>The session as a calendar file for the client's calendar app.</summary>
    public async Task<IActionResult> OnGetCalendarAsync(string id, CancellationToken ct)
    {
        var file = await calendar.HandleAsync(id, me.ClientId, ct);
        return file.Succeeded
            ? File(System.Text.Encoding.UTF8.GetBytes(file.Value.Text), CalendarFile.ContentType, file.Value.FileName)
            : NotFound();
    }

    /// <param name="id">The session to cancel.</param>
    /// <param name="confirmLateFee">The client saw the late-cancellation fee on this page and accepts it.</param>
    public async Task<IActionResult> OnPostCancelAsync(string id, bool confirmLateFee, CancellationToken ct)
    {
        var outcome = await cancel.HandleAsync(new CancelMySessionCommand(id, me.ClientId, confirmLateFee), ct);
        if (outcome.Succeeded)
        {
            Cancelled = outcome.Value.AppointmentId;
            if (outcome.Value.Fee is { } fee)
            {
                LateFee = $"{fee.ToString("0.00", CultureInfo.InvariantCulture)} {(await db.PracticeAsync(ct)).Currency}";
            }

            return RedirectToPage();
        }

        if (await LoadAsync(ct) is { } end)
        {
            return end;
        }

        var refusal = outcome.First!;
        if (refusal.Code == RefusalCodes.LateCancelFee && Find(id) is { } session)
        {
            FeeToConfirm = new LateFeeToConfirm(session, refusal.Message);
        }
        else
        {
            Message = refusal.Message;
        }

        return Page();
    }

    public string When(MySession session) => dates.WeekdayDateTime(session.StartsAt, List.Zone);

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var read = await sessions.HandleAsync(me.ClientId, ct);
        if (this.Ending(read) is { } end)
        {
            return end;
        }

        List = read.Value;
        return null;
    }

    private MySession? Find(string id) => List.Upcoming.Concat(List.Past).FirstOrDefault(s => s.Id == id);

    /// <summary>What the cancellation did, in words: a late one is recorded as missed, with its fee.</summary>
    private string Said(MySession session)
    {
        var what = session.Kind == AppointmentKind.Group ? $"your place in {session.Title}" : $"your {session.Title.ToLowerInvariant()}";
        return session.Status != MySessionStatus.Missed
            ? $"You cancelled {what} on {When(session)}. There is no charge."
            : $"You cancelled {what} on {When(session)} late: it is recorded as missed, with the late-cancellation fee of {LateFee}. It is under Bills.";
    }
}
