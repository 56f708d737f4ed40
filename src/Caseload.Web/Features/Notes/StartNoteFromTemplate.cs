using Caseload.Domain;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Notes;

public sealed record StartNoteFromTemplateCommand(string AppointmentId, string? TemplateId);

/// <summary>Starts an empty draft from one of the practice's note templates: its shared part, and its member part for each member not missed.</summary>
public sealed class StartNoteFromTemplate(CaseloadDbContext db, SessionNotes notes)
{
    public async Task<Outcome<NoteView>> HandleAsync(StartNoteFromTemplateCommand command, CancellationToken ct)
    {
        var appointment = await notes.AppointmentAsync(command.AppointmentId, ct);
        if (!appointment.Succeeded)
        {
            return appointment.AsOutcome;
        }

        if (string.IsNullOrWhiteSpace(command.TemplateId))
        {
            return Refusal.Invalid("templateId", "Choose a template.");
        }

        var template = await db.NoteTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == command.TemplateId, ct);
        return template is null
            ? Refusal.Invalid("templateId", "That template no longer exists.")
            : await notes.PrefillAsync(appointment.Value, template.Shared, template.SectionFor, ct);
    }
}
