using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Settings.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Groups;

[Authorize(Policy = Policies.Schedules)]
public sealed class IndexModel(GroupList list, CaseloadDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Archived { get; set; }

    public IReadOnlyList<GroupListing> Groups { get; private set; } = [];

    private IReadOnlyList<ClinicianDto> Clinicians { get; set; } = [];

    public string ClinicianName(string id) => Clinicians.FirstOrDefault(c => c.Id == id)?.DisplayName ?? "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Clinicians = await db.ClinicianListAsync(ct);
        Groups = await list.ListAsync(clinicianId: null, Archived, ct);
    }
}
