using Caseload.Domain.Notes;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.NoteTemplates;

/// <summary>The practice's note templates by name. They hold no client data, so every signed-in staff member may read them.</summary>
public sealed class NoteTemplateList(CaseloadDbContext db)
{
    public Task<List<NoteTemplate>> ListAsync(CancellationToken ct) =>
        db.NoteTemplates.AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.Id).ToListAsync(ct);

    public Task<NoteTemplate?> FindAsync(string id, CancellationToken ct) =>
        db.NoteTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
}
