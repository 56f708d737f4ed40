using Caseload.Domain;
using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Caseload.Web.Features.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

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

    public bool IsBlank => new[] { Participation, Progress, MoodAffect, RiskDetail, Plan }.All(string.IsNullOrWhiteSpace);
}

public sealed class NoteForm
{
    public string? Topic { get; set; }

    public string? Interventions { get; set; }

    public string? GroupProcess { get; set; }

    public int? SessionMinutes { get; set; }

    public List<MemberForm> Members { get; set; } = [];

    public bool IsBlank => new[] { Topic, Interventions, GroupProcess }.All(string.IsNullOrWhiteSpace) && Members.All(m => m.IsBlank);

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
    StartNoteFromPrevious fromPrevious, StartNoteFromTemplate fromTemplate, CaseloadDbContext db, Clock clock, PageDates dates) : PageModel
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

    /// <summary>The practice's note templates, offered while the draft is empty.</summary>
    public IReadOnlyList<(string Id, string Name)> Templates { get; private set; } = [];

    /// <summary>
    /// Nothing written yet, saved or in the form a refusal sent back: the page offers a template and, for a group, the
    /// previous session's note.
    /// </summary>
    public bool Blank => (Note is null || (Note.Status == Domain.Notes.NoteStatus.Draft && Note.IsBlank)) && Input.IsBlank;

    /// <summary>" is-invalid" for a field signing found empty, so the form marks it beside its message.</summary>
    public string Invalid(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? " is-invalid" : "";

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
            var at = dates.Style.TimeWithSeconds(clock.Now.InZone(zone).TimeOfDay);
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

    /// <summary>Fills the empty draft from the group's previous note: its shared part and each current member's plan.</summary>
    public async Task<IActionResult> OnPostFromPreviousAsync(CancellationToken ct) =>
        await StartedAsync(await fromPrevious.HandleAsync(new StartNoteFromPreviousCommand(Id), ct), "Started from the previous session's note. Check each part before signing.", ct);

    public async Task<IActionResult> OnPostFromTemplateAsync(string? templateId, CancellationToken ct) =>
        await StartedAsync(await fromTemplate.HandleAsync(new StartNoteFromTemplateCommand(Id, templateId), ct), "Started from the template. Check each part before signing.", ct);

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

    private async Task<IActionResult> StartedAsync(Outcome<NoteView> started, string notice, CancellationToken ct)
    {
        if (started.Succeeded)
        {
            Notice = notice;
            return Redirect($"/Appointments/{Id}/Note");
        }

        if (this.Ending(started) is { } end)
        {
            return end;
        }

        var note = await read.HandleAsync(new ReadNoteCommand(Id), ct);
        return await PageForAsync(note, fillForm: true, ct, shown: started.First);
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
        When = dates.LongDateTime(Appointment.Start);
        Templates = [.. (await db.NoteTemplates.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Select(t => (t.Id, t.Name))];
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
        MarkEmptyFields(outcome.Refusals);
        return Page();
    }

    /// <summary>Each field signing found empty gets its message beside it: <c>shared.topic</c>, <c>members.{clientId}.plan</c>.</summary>
    private void MarkEmptyFields(IEnumerable<Refusal> refusals)
    {
        foreach (var refusal in refusals.Where(r => r.Code == RefusalCodes.NoteIncomplete && r.Field is not null))
        {
            var parts = refusal.Field!.Split('.');
            var key = parts switch
            {
                ["shared", var field] => $"Input.{Pascal(field)}",
                ["members", var clientId, var field] when Input.Members.FindIndex(m => m.ClientId == clientId) is var i and >= 0 =>
                    $"Input.Members[{i}].{Pascal(field)}",
                _ => null,
            };
            if (key is not null)
            {
                ModelState.AddModelError(key, refusal.Message);
            }
        }
    }

    private static string Pascal(string field) => char.ToUpperInvariant(field[0]) + field[1..];
}
