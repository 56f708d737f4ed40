using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Settings.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Clients;

public sealed class IndexModel(ClientSearch search, CaseloadDbContext db, CurrentStaff staff) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ClinicianId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public ClientResults Results { get; private set; } = new([], 0, 1, 25);

    public IReadOnlyList<ClinicianDto> Clinicians { get; private set; } = [];

    public bool MayCreate => staff.Satisfies(Policies.Schedules);

    public bool ShowClinicianFilter => staff.Satisfies(Policies.SeesWholePractice);

    /// <summary>This list's search and filters with another page number, for the page links.</summary>
    public string Link(int page) => "/Clients" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["clinicianId"] = ClinicianId, ["status"] = Status,
        ["pageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    public string ClinicianName(string id) => Clinicians.FirstOrDefault(c => c.Id == id)?.DisplayName ?? "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Clinicians = await db.ClinicianListAsync(ct);
        Results = await search.FindAsync(new ClientQuery(Q, ClinicianId, Status, PageNumber), ct);
    }
}
