using Caseload.Domain;
using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Caseload.Web.Features.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace Caseload.Web.Features.Notes;

public sealed class MemberForm
{
    public string ClientId { get; set; } = "";

    public string? Name { get; set; }

    public InviteeStatus Attendance { get; set; }

    public string? MissedReason { get; set; }

    public string? Participation { get; set; }

    public string? Progress { get; set; }

    public string? MoodAffect { get; set; }

    public string Risk { get; set; } = "none";

    public string? RiskDetail { get; set; }

    public string? Plan { get; set; }
}

public sealed class NoteForm
{
    public string? Topic { get; set; }

    public string? Interventions { get; set; }

    public string? GroupProcess { get; set; }

    public int? SessionMinutes { get; set; }

    public List<MemberForm> Members { get; set; } = [];

    /// <summary>The draft as the form holds it; refused when a risk is not one of the four the select offers.</summary>
    public Outcome<SaveNoteDraftCommand> ToCommand(string appointmentId)
    {
        var members = new List<MemberSection>();
        foreach (var m in Members)
        {
            var risk = Risks.Parse(m.Risk);
            if (!risk.Succeeded)
            {
                return risk.AsOutcome;
            }

            members.Add(new MemberSection(m.ClientId, InviteeStatus.Invited, m.Participation, m.Progress, m.MoodAffect, risk.Value, m.RiskDetail, m.Plan));
        }

        return new SaveNoteDraftCommand(appointmentId, new SharedSection(Topic, Interventions, GroupProcess, SessionMinutes), members, ExpectedVersion: null);
    }
}

/// <summary>Writing a note: autosaved drafts, signing, then addenda (rule 12).</summary>
/// <remarks>
/// The page saves without a version to compare: autosave keeps bumping the version while the page stays
/// open, so the version the page loaded is stale after the first keystroke.
/// </remarks>
public sealed class EditModel(ReadNote read, SaveNoteDraft saveDraft, SignNote sign, AddAddendum addAddendum, AppointmentFeed feed,
    CaseloadDbContext db, Clock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public NoteForm Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public string? Problem { get; private set; }

    public AppointmentView? Appointment { get; private set; }

    public NoteView? Note { get; private set; }

    public string When { get; private set; } = "";

    public string? SavedText { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var note = await read.HandleAsync(new ReadNoteCommand(Id), ct);
        return await PageForAsync(note, fillForm: true, ct);
    }

    /// <summary>Autosave (htmx) and the Save draft button: the draft is kept on the server, so a closed browser loses nothing.</summary>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var saved = await SaveAsync(ct);
        if (Request.Headers.ContainsKey("HX-Request"))
        {
            var zone = await db.ZoneAsync(ct);
            var at = LocalTimePattern.CreateWithInvariantCulture("h:mm:ss tt").Format(clock.Now.InZone(zone).TimeOfDay);
            return Content(saved.Succeeded ? $"Draft saved at {at}." : $"Not saved: {saved.First?.Message}", "text/plain");
        }

        if (saved.Succeeded)
        {
            Notice = "Draft saved.";
            return Redirect($"/Appointments/{Id}/Note");
        }

        return await PageForAsync(saved, fillForm: false, ct);
    }

    public async Task<IActionResult> OnPostSignAsync(CancellationToken ct)
    {
        var saved = await SaveAsync(ct);
        if (saved.Succeeded)
        {
            saved = await sign.HandleAsync(new SignNoteCommand(Id, ExpectedVersion: null), ct);
        }

        if (saved.Succeeded)
        {
            Notice = "The note is signed and locked.";
            return Redirect($"/Appointments/{Id}/Note");
        }

        return await PageForAsync(saved, fillForm: false, ct);
    }

    public async Task<IActionResult> OnPostAddendumAsync(string? text, string? clientId, CancellationToken ct)
    {
        var added = await addAddendum.HandleAsync(
            new AddAddendumCommand(Id, text, string.IsNullOrEmpty(clientId) ? null : clientId, ExpectedVersion: null), ct);
        if (added.Succeeded)
        {
            Notice = "Addendum added.";
            return Redirect($"/Appointments/{Id}/Note");
        }

        var note = await read.HandleAsync(new ReadNoteCommand(Id), ct);
        return await PageForAsync(note, fillForm: false, ct, shown: added.First);
    }

    private async Task<Outcome<NoteView>> SaveAsync(CancellationToken ct)
    {
        var command = Input.ToCommand(Id);
        return command.Succeeded ? await saveDraft.HandleAsync(command.Value, ct) : command.AsOutcome;
    }

    /// <summary>
    /// The page for what a use case answered: the note, or the refusal beside the form. A note not yet started is an
    /// empty form; an appointment not found, or not the asker's to read, ends the request.
    /// </summary>
    private async Task<IActionResult> PageForAsync(Outcome<NoteView> outcome, bool fillForm, CancellationToken ct, Refusal? shown = null)
    {
        if (outcome.First != ReadNote.NotStarted && this.Ending(outcome) is { } end)
        {
            return end;
        }

        Appointment = await feed.FindAsync(Id, ct);
        if (Appointment is null)
        {
            return NotFound();
        }

        var note = outcome.Succeeded ? outcome.Value : null;
        Note = note;
        Problem = (shown ?? (outcome.First == ReadNote.NotStarted ? null : outcome.First))?.Message;
        When = LocalDateTimePattern.CreateWithInvariantCulture("dddd d MMMM uuuu, h:mm tt").Format(Appointment.Start);
        var missed = await db.Set<Invitee>().AsNoTracking().Where(i => i.AppointmentId == Id)
            .ToDictionaryAsync(i => i.ClientId, i => i.MissedReason, ct);
        if (fillForm)
        {
            Input = new NoteForm
            {
                Topic = note?.Shared.Topic,
                Interventions = note?.Shared.Interventions,
                GroupProcess = note?.Shared.GroupProcess,
                SessionMinutes = note?.Shared.SessionMinutes ?? Appointment.DurationMinutes,
            };
        }

        var posted = Input.Members.ToDictionary(m => m.ClientId);
        Input.Members = [.. Appointment.Invitees.Select(i =>
        {
            var section = note?.Members.FirstOrDefault(m => m.ClientId == i.ClientId)?.Section;
            var form = !fillForm && posted.TryGetValue(i.ClientId, out var p) ? p : new MemberForm
            {
                Participation = section?.Participation,
                Progress = section?.Progress,
                MoodAffect = section?.MoodAffect,
                Risk = section?.Risk.ToString().ToLowerInvariant() ?? "none",
                RiskDetail = section?.RiskDetail,
                Plan = section?.Plan,
            };
            form.ClientId = i.ClientId;
            form.Name = i.Name;
            form.Attendance = i.Status;
            form.MissedReason = missed.GetValueOrDefault(i.ClientId);
            return form;
        })];
        return Page();
    }
}
