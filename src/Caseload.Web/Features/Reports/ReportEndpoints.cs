using Caseload.Domain;
using Caseload.Web.Api;
using Caseload.Web.Features.Scheduling;
using NodaTime;

namespace Caseload.Web.Features.Reports;

internal static class ReportEndpoints
{
    public static void MapReports(this RouteGroupBuilder api) =>
        api.MapGet("/reports/attendance", async (string? from, string? to, string? by, string? format, AttendanceReport report, CancellationToken ct) =>
            {
                var (start, badFrom) = Wire.ParseDate(from, "from");
                var (end, badTo) = Wire.ParseDate(to, "to");
                var bad = badFrom ?? badTo
                    ?? (by is not (null or "group" or "clinician") ? Refusal.Invalid("by", "Group the report by group or clinician.") : null)
                    ?? (end < start || Period.Between(start!.Value, end!.Value, PeriodUnits.Days).Days > 731
                        ? Refusal.Invalid("to", "'to' must be on or after 'from', at most two years later.") : null);
                if (bad is not null)
                {
                    return Problems.Validation([bad]);
                }

                var byClinician = by == "clinician";
                var rows = await report.RunAsync(start!.Value, end!.Value, byClinician, ct);
                return format == "csv"
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(AttendanceReport.ToCsv(rows, byClinician)), "text/csv",
                        $"attendance-{from}-to-{to}.csv")
                    : Results.Ok(rows);
            })
            .WithTags("Reports");
}
