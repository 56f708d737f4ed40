using Caseload.Domain.Notes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Settings.NoteTemplates;

public sealed class NoteTemplateForm
{
    public string? Name { get; set; }

    public string? Topic { get; set; }

    public string? Interventions { get; set; }

    public string? GroupProcess { get; set; }

    public string? Participation { get; set; }

    public string? Progress { get; set; }

    public string? MoodAffect { get; set; }

    public string? Plan { get; set; }

    public NoteTemplateText ToText() => new(Name, Topic, Interventions, GroupProcess, Participation, Progress, MoodAffect, Plan);

    public static NoteTemplateForm Of(NoteTemplate t) => new()
    {
        Name = t.Name, Topic = t.Topic, Interventions = t.Interventions, GroupProcess = t.GroupProcess,
        Participation = t.Participation, Progress = t.Progress, MoodAffect = t.MoodAffect, Plan = t.Plan,
    };
}

/// <summary>Administrators keep the practice's note templates: a shared part and a member part that clinicians pick on an empty draft.</summary>
public sealed class IndexModel(NoteTemplateList list, ChangeNoteTemplates change) : PageModel
{
    /// <summary>The template being edited; none while adding a new one.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty]
    public NoteTemplateForm Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public IReadOnlyList<NoteTemplate> Templates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is not null)
        {
            var template = await list.FindAsync(Id, ct);
            if (template is null)
            {
                return NotFound();
            }

            Input = NoteTemplateForm.Of(template);
        }

        Templates = await list.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var saved = Id is null ? await change.CreateAsync(Input.ToText(), ct) : await change.ChangeAsync(Id, Input.ToText(), ct);
        if (this.Ending(saved) is { } end)
        {
            return end;
        }

        if (!saved.Succeeded)
        {
            ModelState.AddTo(saved);
            Templates = await list.ListAsync(ct);
            return Page();
        }

        Notice = $"Template \"{saved.Value.Name}\" saved.";
        return RedirectToPage(new { id = (string?)null });
    }

    public async Task<IActionResult> OnPostDeleteAsync(string templateId, CancellationToken ct)
    {
        var deleted = await change.DeleteAsync(templateId, ct);
        if (this.Ending(deleted) is { } end)
        {
            return end;
        }

        Notice = "Template deleted. Notes already started from it keep their text.";
        return RedirectToPage(new { id = (string?)null });
    }
}
