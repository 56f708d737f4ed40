using Caseload.Domain.Billing;
using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Billing;
using Caseload.Web.Features.Notes;
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

/// <param name="OutOfBand">Sent beside the invitees an attendance change swapped in place, to replace the history shown.</param>
public sealed record HistoryList(IReadOnlyList<HistoryLine> Lines, bool OutOfBand);

/// <summary>One client's reminders for the appointment, under their name (also when they are no longer invited).</summary>
public sealed record ReminderBlock(string ClientId, string Name, bool StillInvited, IReadOnlyList<ReminderEntry> Reminders);

/// <summary>One appointment: who is invited, and the edits of time, room, memo and cancellation.</summary>
public sealed class DetailsModel(
    AppointmentFeed feed,
    Caseloads caseloads,
    CaseloadDbContext db,
    ReminderLog reminders,
    AppointmentHistory history,
    AppointmentRecords records,
    MissedNotes missedNotes,
    InvoiceList invoices,
    AuditTrail audit,
    IAuthorizationService authorization,
    Caseload.Web.Features.Groups.SessionWaitlist waitlist,
    Clock clock)
    : PageModel
{
    private Dictionary<string, (decimal Charge, string Explained)> _defaultCharges = [];

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

    /// <summary>The appointment's reminders, one block per client.</summary>
    public IReadOnlyList<ReminderBlock> Reminders { get; private set; } = [];

    /// <summary>Each invitee's invoices for this session (service and missed-session, void ones too), as the billing pages show them.</summary>
    public ILookup<string, InvoiceView> Invoices { get; private set; } = Array.Empty<InvoiceView>().ToLookup(i => i.ClientId);

    /// <summary>Rule 13: the session's note is signed, so attendance changes only by a correction added to it.</summary>
    public bool NoteSigned => Appointment?.NoteStatus == NoteStatus.Signed;

    /// <summary>Who may correct attendance after signing: those who act for the appointment and write its note.</summary>
    public bool MayCorrect => MayEdit && MayReadNote && NoteSigned;

    /// <summary>Attendance can still be marked directly: the day has come and the note is not signed.</summary>
    public bool MayMarkAttendance => MayEdit && DayHasCome && !NoteSigned && Appointment?.Status == AppointmentStatus.Scheduled;

    /// <summary>What an attendance change made in place (htmx) said, shown above the invitees it swapped.</summary>
    public string? AttendanceNotice { get; private set; }

    public string? AttendanceProblem { get; private set; }

    /// <summary>The client whose correction form is open again after a refusal.</summary>
    public string? OpenCorrection { get; private set; }

    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    /// <summary>The waitlist of a self-booking group session (or one that still has a line), else null.</summary>
    public Caseload.Web.Features.Groups.WaitlistView? Waitlist { get; private set; }

    public NodaTime.DateTimeZone Zone { get; private set; } = NodaTime.DateTimeZone.Utc;

    public Dictionary<string, MissedNote> MissedNotes { get; private set; } = [];

    /// <summary>From the session's day on, attendance is marked and the invitee list is fixed (rules 6 and 7).</summary>
    public bool DayHasCome { get; private set; }

    /// <summary>Why the appointment may not be deleted (rule 8), or null.</summary>
    public string? DeleteBlockedBy { get; private set; }

    /// <summary>The client whose missed-note form is open again after a refusal.</summary>
    public string? OpenMissed { get; private set; }

    public string? MissedReason { get; private set; }

    public string? Problem { get; private set; }

    public decimal DefaultCharge(string clientId) => _defaultCharges.GetValueOrDefault(clientId).Charge;

    /// <summary>Where the proposed charge comes from (rule 7): the client's own missed-session fee, else the practice's.</summary>
    public string DefaultChargeExplained(string clientId) => _defaultCharges.GetValueOrDefault(clientId).Explained ?? "";

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
            return await AttendanceAnswerAsync(Domain.Outcome.Done,
                note.Charge > 0 ? $"Marked missed; a missed-session invoice of {note.Charge:0.00} was issued." : "Marked missed, with no charge.", ct);
        }

        if (this.Ending(outcome) is { } end)
        {
            return end;
        }

        if (outcome.First?.Code != Domain.RefusalCodes.ValidationFailed)
        {
            return await AttendanceAnswerAsync(outcome.AsOutcome, "", ct);
        }

        (OpenMissed, MissedReason) = (clientId, reason);
        ModelState.AddTo(outcome, prefix: "");
        return !await LoadAsync(fillForm: true, ct) ? NotFound() : InPlace ? Partial("_Invitees", this) : Page();
    }

    public async Task<IActionResult> OnPostUndoMissedAsync(string clientId, [FromServices] UndoMissed undo, CancellationToken ct) =>
        await AttendanceAnswerAsync(await undo.HandleAsync(new UndoMissedCommand(Id, clientId), ct), "The missed mark was undone.", ct);

    public async Task<IActionResult> OnPostAttendedAsync(string clientId, bool attended, [FromServices] MarkInviteeAttended mark, CancellationToken ct) =>
        await AttendanceAnswerAsync(await mark.HandleAsync(new MarkInviteeAttendedCommand(Id, clientId, attended), ct),
            attended ? "Marked attended." : "Attended mark taken back.", ct);

    public async Task<IActionResult> OnPostAllAttendedAsync([FromServices] MarkAllAttended markAll, CancellationToken ct)
    {
        var before = (await feed.FindAsync(Id, ct))?.Invitees.Count(i => i.Status == InviteeStatus.Invited) ?? 0;
        var outcome = await markAll.HandleAsync(new MarkAllAttendedCommand(Id), ct);
        return await AttendanceAnswerAsync(outcome.AsOutcome,
            before == 0 ? "Nobody was left to mark: everyone is already attended or missed." : $"Marked {before} attended. Mark the exceptions below.", ct);
    }

    /// <summary>Rule 13: after signing, attendance changes only by a correction added to the note as an addendum.</summary>
    public async Task<IActionResult> OnPostCorrectAsync(
        string clientId, string? attendance, string? reason, decimal? charge, [FromServices] AddAddendum addAddendum, CancellationToken ct)
    {
        var to = attendance == "missed" ? InviteeStatus.Missed : InviteeStatus.Attended;
        var outcome = await addAddendum.HandleAsync(new AddAddendumCommand(Id, reason, clientId, ExpectedVersion: null, to, to == InviteeStatus.Missed ? charge : null), ct);
        if (outcome.Succeeded)
        {
            Notice = "Attendance corrected. The correction is added to the signed note as an addendum.";
            return Redirect($"/Appointments/{Id}");
        }

        if (this.Ending(outcome) is { } end)
        {
            return end;
        }

        (OpenCorrection, MissedReason) = (clientId, reason);
        ModelState.AddTo(outcome, prefix: "");
        return await LoadAsync(fillForm: true, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeleteAsync([FromServices] DeleteAppointment delete, CancellationToken ct)
    {
        var outcome = await delete.HandleAsync(new DeleteAppointmentCommand(Id), ct);
        if (outcome.Succeeded)
        {
            Notice = "The appointment is deleted.";
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

    /// <summary>
    /// An attendance change answers an htmx request with the invitee table alone, so a whole session is marked
    /// without a page load per member; a plain form post gets the page, as without script.
    /// </summary>
    private async Task<IActionResult> AttendanceAnswerAsync(Domain.Outcome outcome, string notice, CancellationToken ct)
    {
        if (!InPlace)
        {
            return await AnswerAsync(outcome, notice, ct);
        }

        if (this.Ending(outcome) is { } end)
        {
            return end;
        }

        (AttendanceNotice, AttendanceProblem) = outcome.Succeeded ? (notice, (string?)null) : ((string?)null, outcome.First?.Message);

        return await LoadAsync(fillForm: false, ct) ? Partial("_Invitees", this) : NotFound();
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
        var practice = await db.PracticeAsync(ct);
        When = practice.DateStyle.LongDateTime(a.Start);
        ClinicianName = await db.Clinicians.Where(c => c.Id == a.ClinicianId).Select(c => c.DisplayName).FirstAsync(ct);
        MayEdit = await caseloads.MayActForAsync(a.ClinicianId, ct) is null;
        Reminders = await ReminderBlocksAsync(a, ct);
        Zone = practice.Zone;
        if (a.Kind == AppointmentKind.Group && await waitlist.ReadAsync(a.Id, ct) is { Succeeded: true } line
            && (line.Value.SelfBooking || line.Value.Entries.Count > 0))
        {
            Waitlist = line.Value;
        }
        MayReadNote = await authorization.MayAsync(User, Policies.ReadsNoteContent, new NoteOwner(a.ClinicianId));
        DayHasCome = a.Start.Date <= practice.Today(clock.Now);
        var events = await history.OfAsync(a.Id, ct);
        History = events.Succeeded
            ? [.. events.Value.Select(e => new HistoryLine(
                practice.DateStyle.DateTime(e.At.InZone(practice.Zone).LocalDateTime), e.By, e.What))]
            : [];
        DeleteBlockedBy = Domain.Scheduling.DeletionGuard.Check(await records.RecordOfAsync(a.Id, ct))?.Message;
        var clientIds = a.Invitees.Select(i => i.ClientId).ToList();
        var fees = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).Select(c => new { c.Id, c.MissedSessionFee }).ToListAsync(ct);
        _defaultCharges = fees.ToDictionary(c => c.Id, c => (MissedSessionBilling.DefaultCharge(c.MissedSessionFee, practice.MissedSessionFee),
            c.MissedSessionFee is { } own
                ? $"Default: {NameOf(c.Id)}'s own missed-session fee of {own:0.00}, from their billing settings."
                : $"Default: the practice's missed-session fee of {practice.MissedSessionFee:0.00}."));
        MissedNotes = await missedNotes.OfAppointmentAsync(a.Id, ct);
        Invoices = (await invoices.ForAsync(clientId: null, a.Id, ct)).ToLookup(i => i.ClientId);
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

    /// <summary>The request came from htmx: the answer is the invitee block, swapped in place.</summary>
    public bool InPlace => Request.Headers.ContainsKey("HX-Request");

    private string NameOf(string clientId) => Appointment?.Invitees.FirstOrDefault(i => i.ClientId == clientId)?.Name ?? "";

    /// <summary>
    /// The reminders per client, invitees first in their order. A client taken off the appointment keeps their
    /// name beside their cancelled reminders: it is read from the client, not from the invitee list they left,
    /// and that read is audited (the page's own read names only the invitees).
    /// </summary>
    private async Task<IReadOnlyList<ReminderBlock>> ReminderBlocksAsync(AppointmentView a, CancellationToken ct)
    {
        var entries = await reminders.ForAppointmentAsync(a.Id, ct);
        var names = a.Invitees.ToDictionary(i => i.ClientId, i => i.Name);
        var former = entries.Select(e => e.ClientId).Where(id => !names.ContainsKey(id)).Distinct().ToList();
        if (former.Count > 0)
        {
            var formerNames = await db.Clients.AsNoTracking().Where(c => former.Contains(c.Id))
                .Select(c => new { c.Id, Name = c.FirstName + " " + c.LastName }).ToListAsync(ct);
            formerNames.ForEach(c => names[c.Id] = c.Name);
            await audit.ReadAsync(AuditEntities.Appointment, a.Id, former, ct, "reminders of clients no longer invited");
        }

        var order = a.Invitees.Select(i => i.ClientId).Concat(former).ToList();
        return [.. entries.GroupBy(e => e.ClientId).OrderBy(g => order.IndexOf(g.Key))
            .Select(g => new ReminderBlock(g.Key, names.GetValueOrDefault(g.Key) ?? "A former client", !former.Contains(g.Key), [.. g]))];
    }
}
