using System.Globalization;
using System.Text;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Reports;

/// <summary>One row of the attendance report: a group or a clinician over the chosen days.</summary>
public sealed record AttendanceRow(string Name, int Sessions, int Invited, int Attended, int Missed, int NotMarked)
{
    /// <summary>Missed out of those whose attendance was marked; null before anything was marked.</summary>
    public decimal? NoShowRate => Attended + Missed == 0 ? null : Math.Round(100m * Missed / (Attended + Missed), 1);
}

/// <summary>Attendance per group or per clinician, for the sessions the asker may see (cancelled ones left out).</summary>
public sealed class AttendanceReport(CaseloadDbContext db, Caseloads caseloads, AuditTrail audit)
{
    public const int MaxDays = 731;

    /// <param name="export">Asked as a CSV file: audited as an export rather than a read. The report holds counts, no client's data.</param>
    public async Task<List<AttendanceRow>> RunAsync(LocalDate from, LocalDate to, bool byClinician, CancellationToken ct, bool export = false)
    {
        await audit.RecordAsync(export ? AuditActions.Export : AuditActions.Read, AuditEntities.Report, "attendance", null, ct,
            $"attendance report {from:uuuu-MM-dd}..{to:uuuu-MM-dd} by {(byClinician ? "clinician" : "group")}");
        var rows = await (await caseloads.AppointmentsAsync(ct)).AsNoTracking()
            .Where(a => a.Date >= from && a.Date <= to && a.Status == AppointmentStatus.Scheduled && (byClinician || a.GroupId != null))
            .Select(a => new
            {
                Key = byClinician ? a.ClinicianId : a.GroupId!,
                Invited = a.Invitees.Count,
                Attended = a.Invitees.Count(i => i.Status == InviteeStatus.Attended),
                Missed = a.Invitees.Count(i => i.Status == InviteeStatus.Missed),
            })
            .ToListAsync(ct);
        var names = byClinician
            ? await db.Clinicians.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.DisplayName, ct)
            : await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        return [.. rows.GroupBy(r => r.Key)
            .Select(g => new AttendanceRow(names.GetValueOrDefault(g.Key, "?"), g.Count(), g.Sum(r => r.Invited), g.Sum(r => r.Attended),
                g.Sum(r => r.Missed), g.Sum(r => r.Invited - r.Attended - r.Missed)))
            .OrderBy(r => r.Name)];
    }

    public static string ToCsv(IEnumerable<AttendanceRow> rows, bool byClinician)
    {
        var csv = new StringBuilder();
        csv.AppendLine($"{(byClinician ? "Clinician" : "Group")},Sessions,Invited,Attended,Missed,Not marked,No-show rate %");
        foreach (var r in rows)
        {
            var name = r.Name.Replace("\"", "\"\"", StringComparison.Ordinal);
            if (name.Length > 0 && "=+-@".Contains(name[0], StringComparison.Ordinal))
            {
                name = "'" + name;
            }

            csv.AppendLine(string.Join(',', $"\"{name}\"", r.Sessions, r.Invited, r.Attended, r.Missed, r.NotMarked,
                r.NoShowRate?.ToString("0.0", CultureInfo.InvariantCulture) ?? ""));
        }

        return csv.ToString();
    }
}
