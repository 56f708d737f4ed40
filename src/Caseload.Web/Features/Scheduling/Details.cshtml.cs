using Caseload.Domain.Billing;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Reminders;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace Caseload.Web.Features.Scheduling;

public sealed class ChangeForm
{
    public string? Date { get; set; }

    public string? Time { get; set; }

    public int? DurationMinutes { get; set; }

    public string? Location { get; set; }

    public string? Memo { get; set; }

    public string Scope { get; set; } = "this";
}

/// <summary>A line of the appointment's history as the page shows it.</summary>
public sealed record HistoryLine(string At, string By, string What);

/// <summary>One appointment: who is invited, and the edits of time, room, memo and cancellation.</summary>
public sealed class DetailsModel(
    AppointmentFeed feed,
    Caseloads caseloads,
    CaseloadDbContext db,
    ReminderLog reminders,
    AppointmentHistory history,
    AppointmentRecords records,
    MissedNotes missedNotes,
    IAuthorizationService authorization,
    Clock clock)
    : PageModel
{
    private Dictionary<string, decimal> _defaultCharges = [];

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public ChangeForm Input { get; set; } = new();

    /// <summary>The version the form was loaded at: a change made meanwhile by someone else is not overwritten.</summary>
    [BindProperty]
    public int Version { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public AppointmentView? Appointment { get; private set; }

    public string When { get; private set; } = "";

    public string ClinicianName { get; private set; } = "";

    public bool MayEdit { get; private set; }

    /// <summary>Only the appointment's clinician and administrators open its note; others see that it exists.</summary>
    public bool MayReadNote { get; private set; }

    public IReadOnlyList<ReminderEntry> Reminders { get; private set; } = [];

    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    public Dictionary<string, MissedNote> MissedNotes { get; private set; } = [];

    /// <summary>From the session's day on, attendance is marked and the invitee list is fixed (rules 6 and 7).</summary>
    public bool DayHasCome { get; private set; }

    /// <summary>Why the appointment may not be deleted (rule 8), or null.</summary>
    public string? DeleteBlockedBy { get; private set; }

    /// <summary>The client whose missed-note form is open again after a refusal.</summary>
    public string? OpenMissed { get; private set; }

    public string? MissedReason { get; private set; }

    public string? Problem { get; private set; }

    public decimal DefaultCharge(string clientId) => _defaultCharges.GetValueOrDefault(clientId);

    public string NameOf(string clientId) => Appointment?.Invitees.FirstOrDefault(i => i.ClientId == clientId)?.Name ?? "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(fillForm: true, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostChangeAsync([FromServices] ChangeAppointment change, CancellationToken ct)
    {
        var local = AppointmentForm.ParseLocal(Input.Date, Input.Time);
        if (local is null)
        {
            ModelState.AddModelError("Input.Date", "Give the date and the time.");
            return await LoadAsync(fillForm: false, ct) ? Page() : NotFound();
        }

        var scope = Input.Scope == "following" ? ChangeScope.Following : ChangeScope.This;
        var start = Domain.Scheduling.Appointment.Resolve(local.Value, await db.ZoneAsync(ct)).LocalDateTime;
        var outcome = await change.HandleAsync(
            new ChangeAppointmentCommand(Id, start, Input.DurationMinutes, Input.Location ?? "", Input.Memo ?? "", scope, ExpectedVersion: Version), ct);
        if (outcome.Succeeded)
        {
            Notice = scope == ChangeScope.Following ? "Saved for this and the following appointments." : "Saved.";
            return Redirect($"/Appointments/{Id}");
        }

        ModelState.AddTo(outcome, rename: f => f == "start" ? "Date" : char.ToUpperInvariant(f[0]) + f[1..]);
        return await LoadAsync(fillForm: false, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCancelAsync([FromServices] CancelAppointment cancel, CancellationToken ct)
    {
        var outcome = await cancel.HandleAsync(new CancelAppointmentCommand(Id, ExpectedVersion: null), ct);
        if (this.Ending(outcome) is { } end)
        {
            return end;
        }

        Notice = outcome.Succeeded ? "The appointment is cancelled. It stays on the calendar, marked." : outcome.First?.Message;
        return Redirect($"/Appointments/{Id}");
    }

    public async Task<IActionResult> OnPostRemoveInviteeAsync(string clientId, [FromServices] RemoveInvitee remove, CancellationToken ct) =>
        await AnswerAsync(await remove.HandleAsync(new RemoveInviteeCommand(Id, clientId), ct),
            "Removed from this appointment; the client stays in the group.", ct);

    public async Task<IActionResult> OnPostMissedAsync(
        string clientId, string? reason, decimal? charge, [FromServices] MarkInviteeMissed markMissed, CancellationToken ct)
    {
        var outcome = await markMissed.HandleAsync(new MarkInviteeMissedCommand(Id, clientId, reason, charge), ct);
        if (outcome.Succeeded)
        {
            var note = outcome.Value;
            Notice = note.Charge > 0 ? $"Marked missed; a missed-session invoice of {note.Charge:0.00} was issued." : "Marked missed, with no charge.";
            return Redirect($"/Appointments/{Id}");
        }

        if (this.Ending(outcome) is { } end)
        {
            return end;
        }

        (OpenMissed, MissedReason) = (clientId, reason);
        ModelState.AddTo(outcome, prefix: "");
        return await LoadAsync(fillForm: true, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostUndoMissedAsync(string clientId, [FromServices] UndoMissed undo, CancellationToken ct) =>
        await AnswerAsync(await undo.HandleAsync(new UndoMissedCommand(Id, clientId), ct), "The missed mark was undone.", ct);

    public async Task<IActionResult> OnPostAttendedAsync(string clientId, bool attended, [FromServices] MarkInviteeAttended mark, CancellationToken ct) =>
        await AnswerAsync(await mark.HandleAsync(new MarkInviteeAttendedCommand(Id, clientId, attended), ct),
            attended ? "Marked attended." : "Attended mark taken back.", ct);

    public async Task<IActionResult> OnPostDeleteAsync([FromServices] DeleteAppointment delete, CancellationToken ct)
    {
        var outcome = await delete.HandleAsync(new DeleteAppointmentCommand(Id), ct);
        if (outcome.Succeeded)
        {
            return Redirect("/");
        }

        return await AnswerAsync(outcome, "", ct);
    }

    public async Task<IActionResult> OnPostDeleteSeriesAsync([FromServices] DeleteSeries deleteSeries, CancellationToken ct)
    {
        var appointment = await feed.FindAsync(Id, ct);
        if (appointment?.SeriesId is null)
        {
            return NotFound();
        }

        var outcome = await deleteSeries.HandleAsync(new DeleteSeriesCommand(appointment.SeriesId, appointment.Start.Date), ct);
        if (!outcome.Succeeded)
        {
            return await AnswerAsync(outcome.AsOutcome, "", ct);
        }

        var result = outcome.Value;
        var kept = result.Kept.Count == 0 ? "" : $" Kept {result.Kept.Count}: " + string.Join(" ", result.Kept.Select(k => k.Reason).Distinct());
        TempData["Notice"] = $"Deleted {result.Deleted.Count} appointment{(result.Deleted.Count == 1 ? "" : "s")}.{kept}";
        return result.Deleted.Contains(Id) ? Redirect("/") : Redirect($"/Appointments/{Id}");
    }

    private async Task<IActionResult> AnswerAsync(Domain.Outcome outcome, string notice, CancellationToken ct)
    {
        if (outcome.Succeeded)
        {
            Notice = notice;
            return Redirect($"/Appointments/{Id}");
        }

        if (this.Ending(outcome) is { } end)
        {
            return end;
        }

        Problem = outcome.First?.Message;
        return await LoadAsync(fillForm: true, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(bool fillForm, CancellationToken ct)
    {
        Appointment = await feed.ReadAsync(Id, ct);
        if (Appointment is null)
        {
            return false;
        }

        var a = Appointment;
        When = HttpContext.RequestServices.GetRequiredService<PageDates>().LongDateTime(a.Start);
        ClinicianName = await db.Clinicians.Where(c => c.Id == a.ClinicianId).Select(c => c.DisplayName).FirstAsync(ct);
        MayEdit = await caseloads.MayActForAsync(a.ClinicianId, ct) is null;
        Reminders = await reminders.ForAppointmentAsync(a.Id, ct);
        MayReadNote = await authorization.MayAsync(User, Policies.ReadsNoteContent, new NoteOwner(a.ClinicianId));
        var practice = await db.PracticeAsync(ct);
        DayHasCome = a.Start.Date <= practice.Today(clock.Now);
        var events = await history.OfAsync(a.Id, ct);
        History = events.Succeeded
            ? [.. events.Value.Select(e => new HistoryLine(
                practice.DateStyle.DateTime(e.At.InZone(practice.Zone).LocalDateTime), e.By, e.What))]
            : [];
        DeleteBlockedBy = Domain.Scheduling.DeletionGuard.Check(await records.RecordOfAsync(a.Id, ct))?.Message;
        var clientIds = a.Invitees.Select(i => i.ClientId).ToList();
        var fees = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).Select(c => new { c.Id, c.MissedSessionFee }).ToListAsync(ct);
        _defaultCharges = fees.ToDictionary(c => c.Id, c => MissedSessionBilling.DefaultCharge(c.MissedSessionFee, practice.MissedSessionFee));
        MissedNotes = await missedNotes.OfAppointmentAsync(a.Id, ct);
        Version = a.Version;
        if (fillForm)
        {
            Input = new ChangeForm
            {
                Date = LocalDatePattern.Iso.Format(a.Start.Date),
                Time = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Format(a.Start.TimeOfDay),
                DurationMinutes = a.DurationMinutes,
                Location = a.Location,
                Memo = a.Memo,
            };
        }

        return true;
    }
}
