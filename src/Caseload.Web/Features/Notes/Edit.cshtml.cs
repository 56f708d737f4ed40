using Caseload.Web.Api;
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

    public string? Attendance { get; set; }

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

    public NoteInput ToInput() => new(new SharedDto(Topic, Interventions, GroupProcess, SessionMinutes),
        [.. Members.Select(m => new MemberDto(m.ClientId, null, null, m.Participation, m.Progress, m.MoodAffect, m.Risk, m.RiskDetail, m.Plan))]);
}

/// <summary>Writing a note: autosaved drafts, signing, then addenda (rule 12).</summary>
public sealed class EditModel(NoteWork notes, AppointmentFeed feed, CaseloadDbContext db, Clock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public NoteForm Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public string? Problem { get; private set; }

    public AppointmentView? Appointment { get; private set; }

    public NoteDto? Note { get; private set; }

    public string When { get; private set; } = "";

    public string? SavedText { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (note, outcome) = await notes.ReadAsync(Id, ct);
        return await PageForAsync(note, outcome.First, fillForm: true, ct);
    }

    /// <summary>Autosave (htmx) and the Save draft button: the draft is kept on the server, so a closed browser loses nothing.</summary>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var (note, outcome) = await notes.SaveDraftAsync(Id, Input.ToInput(), null, ct);
        if (Request.Headers.ContainsKey("HX-Request"))
        {
            var zone = await db.ZoneAsync(ct);
            var at = LocalTimePattern.CreateWithInvariantCulture("h:mm:ss tt").Format(clock.Now.InZone(zone).TimeOfDay);
            return Content(note is null ? $"Not saved: {outcome.First?.Message}" : $"Draft saved at {at}.", "text/plain");
        }

        if (note is not null)
        {
            Notice = "Draft saved.";
            return Redirect($"/Appointments/{Id}/Note");
        }

        return await PageForAsync(null, outcome.First, fillForm: false, ct);
    }

    public async Task<IActionResult> OnPostSignAsync(CancellationToken ct)
    {
        var (saved, outcome) = await notes.SaveDraftAsync(Id, Input.ToInput(), null, ct);
        if (saved is not null)
        {
            (saved, outcome) = await notes.SignAsync(Id, null, ct);
        }

        if (saved is not null)
        {
            Notice = "The note is signed and locked.";
            return Redirect($"/Appointments/{Id}/Note");
        }

        return await PageForAsync(null, outcome.First, fillForm: false, ct);
    }

    public async Task<IActionResult> OnPostAddendumAsync(string? text, string? clientId, CancellationToken ct)
    {
        var (saved, outcome) = await notes.AddAddendumAsync(Id, new AddendumInput(text, string.IsNullOrEmpty(clientId) ? null : clientId), null, ct);
        if (saved is not null)
        {
            Notice = "Addendum added.";
            return Redirect($"/Appointments/{Id}/Note");
        }

        var (note, _) = await notes.ReadAsync(Id, ct);
        return await PageForAsync(note, outcome.First, fillForm: false, ct);
    }

    private async Task<IActionResult> PageForAsync(NoteDto? note, Domain.Refusal? refusal, bool fillForm, CancellationToken ct)
    {
        switch (refusal?.Code)
        {
            case "forbidden":
                return Forbid();
            case "not-found" when await feed.FindAsync(Id, ct) is null:
                return NotFound();
        }

        Appointment = await feed.FindAsync(Id, ct);
        Note = note;
        if (refusal is not null && refusal.Code != "not-found")
        {
            Problem = refusal.Message;
        }

        When = LocalDateTimePattern.CreateWithInvariantCulture("dddd d MMMM uuuu, h:mm tt").Format(Appointment!.Start);
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
            var section = note?.Members.FirstOrDefault(m => m.ClientId == i.ClientId);
            var form = !fillForm && posted.TryGetValue(i.ClientId, out var p) ? p : new MemberForm
            {
                Participation = section?.Participation,
                Progress = section?.Progress,
                MoodAffect = section?.MoodAffect,
                Risk = section?.Risk ?? "none",
                RiskDetail = section?.RiskDetail,
                Plan = section?.Plan,
            };
            form.ClientId = i.ClientId;
            form.Name = i.Name;
            form.Attendance = Wire.Status(i.Status);
            form.MissedReason = missed.GetValueOrDefault(i.ClientId);
            return form;
        })];
        return Page();
    }
}
