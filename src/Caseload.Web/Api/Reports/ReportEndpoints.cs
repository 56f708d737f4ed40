using Caseload.Domain;
using Caseload.Web.Features.Reports;

namespace Caseload.Web.Api.Reports;

internal static class ReportEndpoints
{
    public static void MapReports(this RouteGroupBuilder api) =>
        api.MapGet("/reports/attendance", async (string? from, string? to, string? by, string? format, AttendanceReport report, CancellationToken ct) =>
            {
                var (start, end, refusals) = Wire.ParseRange(from, to, AttendanceReport.MaxDays);
                if (by is not (null or "group" or "clinician"))
                {
                    refusals = [.. refusals, Refusal.Invalid("by", "Group the report by group or clinician.")];
                }

                if (refusals.Count > 0)
                {
                    return Problems.Validation(refusals);
                }

                var byClinician = by == "clinician";
                var rows = await report.RunAsync(start, end, byClinician, ct, export: format == "csv");
                return format == "csv"
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(AttendanceReport.ToCsv(rows, byClinician)), "text/csv",
                        $"attendance-{from}-to-{to}.csv")
                    : Results.Ok(rows.Select(AttendanceRowDto.From).ToList());
            })
            .WithTags("Reports");
}
