using Caseload.Web.Api;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Attendance;
using Caseload.Web.Features.Reminders;
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

/// <summary>One appointment: who is invited, and the edits of time, room, memo and cancellation.</summary>
public sealed class DetailsModel(
    AppointmentFeed feed, ChangeAppointment change, Caseloads caseloads, CaseloadDbContext db, ReminderLog reminders, AttendanceWork attendance, Clock clock)
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

    public IReadOnlyList<HistoryDto> History { get; private set; } = [];

    public Dictionary<string, MissedNoteDto> MissedNotes { get; private set; } = [];

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

    public async Task<IActionResult> OnPostChangeAsync(CancellationToken ct)
    {
        var zone = await db.ZoneAsync(ct);
        var local = AppointmentForm.ParseLocal(Input.Date, Input.Time);
        if (local is null)
        {
            ModelState.AddModelError("Input.Date", "Give the date and the time.");
            return await LoadAsync(fillForm: false, ct) ? Page() : NotFound();
        }

        var start = OffsetDateTimePattern.Rfc3339.Format(Domain.Scheduling.Appointment.Resolve(local.Value, zone).ToOffsetDateTime());
        var patch = new AppointmentPatch(start, Input.DurationMinutes, Input.Location ?? "", Input.Memo ?? "", Input.Scope);
        var (saved, outcome) = await change.PatchAsync(Id, patch, Wire.ETag(Version), ct);
        if (saved is not null)
        {
            Notice = Input.Scope == ChangeAppointment.Following ? "Saved for this and the following appointments." : "Saved.";
            return Redirect($"/Appointments/{Id}");
        }

        ModelState.AddTo(outcome, rename: f => f == "start" ? "Date" : char.ToUpperInvariant(f[0]) + f[1..]);
        return await LoadAsync(fillForm: false, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        var (saved, outcome) = await change.CancelAsync(Id, null, ct);
        if (saved is null && outcome.First?.Code == "not-found")
        {
            return NotFound();
        }

        Notice = saved is not null ? "The appointment is cancelled. It stays on the calendar, marked." : outcome.First?.Message;
        return Redirect($"/Appointments/{Id}");
    }

    public async Task<IActionResult> OnPostRemoveInviteeAsync(string clientId, CancellationToken ct) =>
        await AnswerAsync(await attendance.RemoveInviteeAsync(Id, clientId, ct), "Removed from this appointment; the client stays in the group.", ct);

    public async Task<IActionResult> OnPostMissedAsync(string clientId, string? reason, decimal? charge, CancellationToken ct)
    {
        var (note, outcome) = await attendance.MarkMissedAsync(Id, clientId, new MissedInput(reason, charge), ct);
        if (note is not null)
        {
            Notice = note.Charge > 0 ? $"Marked missed; a missed-session invoice of {note.Charge:0.00} was issued." : "Marked missed, with no charge.";
            return Redirect($"/Appointments/{Id}");
        }

        if (outcome.First?.Code is "not-found")
        {
            return NotFound();
        }

        (OpenMissed, MissedReason) = (clientId, reason);
        ModelState.AddTo(outcome, prefix: "");
        return await LoadAsync(fillForm: true, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostUndoMissedAsync(string clientId, CancellationToken ct) =>
        await AnswerAsync(await attendance.UndoMissedAsync(Id, clientId, ct), "The missed mark was undone.", ct);

    public async Task<IActionResult> OnPostAttendedAsync(string clientId, bool attended, CancellationToken ct) =>
        await AnswerAsync(await attendance.MarkAttendedAsync(Id, clientId, attended, ct), attended ? "Marked attended." : "Attended mark taken back.", ct);

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        var outcome = await attendance.DeleteAsync(Id, ct);
        if (outcome.Succeeded)
        {
            return Redirect("/");
        }

        return await AnswerAsync(outcome, "", ct);
    }

    public async Task<IActionResult> OnPostDeleteSeriesAsync(CancellationToken ct)
    {
        var appointment = await feed.FindAsync(Id, ct);
        if (appointment?.SeriesId is null)
        {
            return NotFound();
        }

        var (result, outcome) = await attendance.DeleteSeriesAsync(appointment.SeriesId, appointment.Start.Date, ct);
        if (result is null)
        {
            return await AnswerAsync(outcome, "", ct);
        }

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

        if (outcome.First?.Code is "not-found")
        {
            return NotFound();
        }

        Problem = outcome.First?.Message;
        return await LoadAsync(fillForm: true, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(bool fillForm, CancellationToken ct)
    {
        Appointment = await feed.FindAsync(Id, ct);
        if (Appointment is null)
        {
            return false;
        }

        var a = Appointment;
        When = LocalDateTimePattern.CreateWithInvariantCulture("dddd d MMMM uuuu, h:mm tt").Format(a.Start);
        ClinicianName = await db.Clinicians.Where(c => c.Id == a.ClinicianId).Select(c => c.DisplayName).FirstAsync(ct);
        MayEdit = await caseloads.MayActForAsync(a.ClinicianId, ct) is null;
        Reminders = await reminders.ForAppointmentAsync(a.Id, ct);
        MayReadNote = User.IsInRole(Auth.Roles.Administrator)
            || (User.IsInRole(Auth.Roles.Clinician) && await caseloads.OwnClinicianIdAsync(ct) == a.ClinicianId);
        var practice = await db.PracticeAsync(ct);
        DayHasCome = a.Start.Date <= practice.Today(clock.Now);
        History = [.. (await attendance.HistoryAsync(a.Id, ct)).Select(e => new HistoryDto(
            LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm").Format(e.At.InZone(practice.Zone).LocalDateTime), e.By, e.What))];
        DeleteBlockedBy = Domain.Scheduling.DeletionGuard.Check(await attendance.RecordOfAsync(a.Id, ct))?.Message;
        var clientIds = a.Invitees.Select(i => i.ClientId).ToList();
        _defaultCharges = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.MissedSessionFee ?? practice.MissedSessionFee, ct);
        MissedNotes = await attendance.MissedNotesAsync(a.Id, ct);
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
