using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace Caseload.Web.Features.Billing;

[Authorize(Roles = $"{Roles.Administrator},{Roles.Biller},{Roles.Scheduler}")]
public sealed class IndexModel(BillingReports reports, CaseloadDbContext db, Clock clock) : PageModel
{
    public Outstanding Outstanding { get; private set; } = new([], [], new(0, 0, 0, 0), new(0, 0, 0, 0));

    public string Today { get; private set; } = "";

    public string MonthStart { get; private set; } = "";

    public bool MayExportClaims => User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.Biller);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = await db.TodayAsync(clock, ct);
        Today = LocalDatePattern.Iso.Format(today);
        MonthStart = LocalDatePattern.Iso.Format(today.With(NodaTime.DateAdjusters.StartOfMonth));
        Outstanding = await reports.OutstandingAsync(ct);
    }
}
