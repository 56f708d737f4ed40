using Caseload.Domain.Notes;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Notes;

/// <summary>A signed note printed for one client: the shared section and that client's own section only.</summary>
public sealed class PrintModel(ChartNotes notes, CaseloadDbContext db) : PageModel
{
    public ChartNote? Note { get; private set; }

    public string ClientName { get; private set; } = "";

    public string PracticeName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id, string clientId, CancellationToken ct)
    {
        Note = (await notes.ForClientAsync(clientId, ct, id)).FirstOrDefault(n => n.AppointmentId == id && n.NoteStatus == NoteStatus.Signed);
        if (Note is null)
        {
            return NotFound();
        }

        ClientName = await db.Clients.Where(c => c.Id == clientId).Select(c => c.FirstName + " " + c.LastName).FirstAsync(ct);
        PracticeName = (await db.PracticeAsync(ct)).Name;
        return Page();
    }
}
