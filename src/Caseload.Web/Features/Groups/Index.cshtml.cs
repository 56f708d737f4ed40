using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Settings.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Groups;

[Authorize(Roles = $"{Roles.Administrator},{Roles.Scheduler},{Roles.Clinician}")]
public sealed class IndexModel(Caseloads caseloads, CaseloadDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Archived { get; set; }

    public IReadOnlyList<GroupSummary> Groups { get; private set; } = [];

    private IReadOnlyList<ClinicianDto> Clinicians { get; set; } = [];

    public string ClinicianName(string id) => Clinicians.FirstOrDefault(c => c.Id == id)?.DisplayName ?? "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Clinicians = await db.ClinicianListAsync(ct);
        Groups = await (await caseloads.GroupsAsync(ct)).AsNoTracking().Where(g => g.IsArchived == Archived)
            .OrderBy(g => g.Name)
            .Select(g => new GroupSummary(g.Id, g.Name, g.ClinicianId, g.ServiceCode, g.Capacity, g.IsArchived,
                g.Memberships.Count(m => m.LeftOn == null)))
            .ToListAsync(ct);
    }
}
