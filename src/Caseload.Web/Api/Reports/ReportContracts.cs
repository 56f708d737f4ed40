using Caseload.Web.Features.Reports;

namespace Caseload.Web.Api.Reports;

/// <summary>One row of the attendance report as the API writes it.</summary>
public sealed record AttendanceRowDto(string Name, int Sessions, int Invited, int Attended, int Missed, int NotMarked, decimal? NoShowRate)
{
    public static AttendanceRowDto From(AttendanceRow r) => new(r.Name, r.Sessions, r.Invited, r.Attended, r.Missed, r.NotMarked, r.NoShowRate);
}
