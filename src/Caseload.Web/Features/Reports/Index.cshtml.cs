using Caseload.Domain;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Reports;

/// <summary>Attendance per group or clinician, with the no-show rate, over chosen days.</summary>
public sealed class IndexModel(AttendanceReport report, CaseloadDbContext db, Clock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? By { get; set; }

    public IReadOnlyList<AttendanceRow> Rows { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = await db.TodayAsync(clock, ct);
        foreach (var (text, field) in new[] { (From, "from"), (To, "to") })
        {
            if (LocalDatePattern.Iso.Parse(text ?? "") is { Success: true } given && SupportedDates.Check(given.Value, field) is { } outside)
            {
                Problem = outside.Message;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }

        var from = LocalDatePattern.Iso.Parse(From ?? "") is { Success: true } f ? f.Value : today.PlusDays(-30);
        var to = LocalDatePattern.Iso.Parse(To ?? "") is { Success: true } t ? t.Value : today;
        (From, To, By) = (LocalDatePattern.Iso.Format(from), LocalDatePattern.Iso.Format(to), By == "clinician" ? "clinician" : "group");
        if (to < from || Period.Between(from, to, PeriodUnits.Days).Days > AttendanceReport.MaxDays)
        {
            Problem = "Choose a 'to' date on or after 'from', at most two years later.";
            return;
        }

        Rows = await report.RunAsync(from, to, By == "clinician", ct);
    }
}
