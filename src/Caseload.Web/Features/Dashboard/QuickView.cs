using Caseload.Domain.Billing;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Dashboard;

/// <summary>One invoice of an invitee as the quick view names it: its kind and status, never its amounts.</summary>
public sealed record QuickInvoice(InvoiceKind Kind, InvoiceStatus Status);

public sealed record QuickInvitee(string ClientId, string Name, InviteeStatus Status, IReadOnlyList<QuickInvoice> Invoices);

/// <summary>
/// What the calendar's quick view shows of one appointment: who is invited and whether they came, whether the
/// note is written and signed (its status only, never its content), how each invitee's invoice stands, and what
/// the asker may do from there.
/// </summary>
/// <param name="MayMarkAttendance">The asker schedules for this clinician, the session's day has come and it is not cancelled.</param>
/// <param name="MayWriteNote">The asker reads this appointment's note content: its clinician or an administrator.</param>
public sealed record QuickView(
    AppointmentView Appointment,
    string When,
    string ClinicianName,
    IReadOnlyList<QuickInvitee> Invitees,
    bool DayHasCome,
    bool MayMarkAttendance,
    bool MayWriteNote);

/// <summary>Reads the quick view of an appointment of the asker's caseload, audited as a read of each invitee's data.</summary>
public sealed class ReadQuickView(AppointmentFeed feed, CaseloadDbContext db, Caseloads caseloads, CurrentStaff staff, AuditTrail audit, Clock clock,
    PageDates dates)
{

    /// <summary>Null when the appointment does not exist or is not on the asker's caseload.</summary>
    public async Task<QuickView?> ReadAsync(string id, CancellationToken ct)
    {
        var a = await feed.FindAsync(id, ct);
        if (a is null)
        {
            return null;
        }

        var clientIds = a.Invitees.Select(i => i.ClientId).ToList();
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.AppointmentId == a.Id && clientIds.Contains(i.ClientId))
            .OrderBy(i => i.IssuedOn).ThenBy(i => i.Id).Select(i => new { i.ClientId, i.Kind, i.Status }).ToListAsync(ct);
        var clinician = await db.Clinicians.AsNoTracking().Where(c => c.Id == a.ClinicianId).Select(c => c.DisplayName).FirstAsync(ct);
        var dayHasCome = a.Start.Date <= await db.TodayAsync(clock, ct);
        var mayMark = dayHasCome && a.Status == AppointmentStatus.Scheduled && staff.Satisfies(Policies.Schedules)
            && await caseloads.MayActForAsync(a.ClinicianId, ct) is null;
        var mayWriteNote = await staff.MayAsync(Policies.ReadsNoteContent, new NoteOwner(a.ClinicianId));
        await audit.ReadAsync(AuditEntities.Appointment, a.Id, clientIds.Select(c => (string?)c), ct,
            "quick view: attendance, note status, invoice status");
        return new QuickView(a, dates.DayTime(a.Start), clinician,
            [.. a.Invitees.OrderBy(i => i.Name, StringComparer.CurrentCultureIgnoreCase).Select(i => new QuickInvitee(i.ClientId, i.Name, i.Status,
                [.. invoices.Where(v => v.ClientId == i.ClientId).Select(v => new QuickInvoice(v.Kind, v.Status))]))],
            dayHasCome, mayMark, mayWriteNote);
    }
}
