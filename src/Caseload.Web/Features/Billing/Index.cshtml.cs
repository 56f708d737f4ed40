using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime.Text;

namespace Caseload.Web.Features.Billing;

[Authorize(Policy = Policies.TakesPayments)]
public sealed class IndexModel(OutstandingBalances outstanding, CaseloadDbContext db, Clock clock, CurrentStaff staff) : PageModel
{
    public Outstanding Outstanding { get; private set; } = new([], [], new(0, 0, 0, 0), new(0, 0, 0, 0));

    public string Today { get; private set; } = "";

    public string MonthStart { get; private set; } = "";

    public bool MayExportClaims => staff.Satisfies(Policies.ManagesBilling);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = await db.TodayAsync(clock, ct);
        Today = LocalDatePattern.Iso.Format(today);
        MonthStart = LocalDatePattern.Iso.Format(today.With(NodaTime.DateAdjusters.StartOfMonth));
        Outstanding = await outstanding.ReadAsync(ct);
    }
}
