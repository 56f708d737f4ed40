using Caseload.Web.Data;
using Caseload.Web.Features.Settings.Users;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace Caseload.Web.Features.Dashboard;

public sealed class IndexModel(CaseloadDbContext db, Clock clock) : PageModel
{
    public string PracticeName { get; private set; } = "";

    public string TimeZone { get; private set; } = "";

    public string TodayText { get; private set; } = "";

    public IReadOnlyList<ClinicianDto> Clinicians { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var practice = await db.Practices.AsNoTracking().SingleAsync(ct);
        PracticeName = practice.Name;
        TimeZone = practice.TimeZoneId;
        TodayText = LocalDatePattern.CreateWithInvariantCulture("dddd d MMMM uuuu").Format(practice.Today(clock.Now));
        Clinicians = await db.ClinicianListAsync(ct);
    }
}
