using Caseload.Domain;
using Caseload.Domain.Notes;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.NoteTemplates;

/// <summary>An administrator adds, rewrites or deletes a note template. Notes already started from one keep their text.</summary>
public sealed class ChangeNoteTemplates(CaseloadDbContext db, CurrentStaff staff)
{
    private static readonly Refusal NotAllowed = Refusal.Forbidden("Only administrators change note templates.");
    private static readonly Refusal Missing = Refusal.NotFound("No such note template.");

    public async Task<Outcome<NoteTemplate>> CreateAsync(NoteTemplateText text, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.Administers))
        {
            return NotAllowed;
        }

        var created = NoteTemplate.Create(text);
        if (created.Succeeded)
        {
            db.NoteTemplates.Add(created.Value);
            await db.SaveChangesAsync(ct);
        }

        return created;
    }

    public async Task<Outcome<NoteTemplate>> ChangeAsync(string id, NoteTemplateText text, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.Administers))
        {
            return NotAllowed;
        }

        var template = await db.NoteTemplates.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
        {
            return Missing;
        }

        var changed = template.Change(text);
        if (!changed.Succeeded)
        {
            return changed;
        }

        await db.SaveChangesAsync(ct);
        return template;
    }

    public async Task<Outcome> DeleteAsync(string id, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.Administers))
        {
            return NotAllowed;
        }

        return await db.NoteTemplates.Where(t => t.Id == id).ExecuteDeleteAsync(ct) > 0 ? Outcome.Done : Missing;
    }
}
