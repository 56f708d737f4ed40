using Caseload.Domain;
using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Auth;

/// <summary>
/// Whose records the person asking may see and act for. Every query of clients and groups starts
/// here, so a clinician never sees another clinician's caseload (it is simply not found).
/// </summary>
public sealed class Caseloads(CaseloadDbContext db, CurrentStaff staff)
{
    public async Task<IQueryable<Client>> ClientsAsync(CancellationToken ct = default)
    {
        if (staff.Satisfies(Policies.SeesWholePractice))
        {
            return db.Clients;
        }

        var mine = await staff.ClinicianIdAsync(ct);
        return db.Clients.Where(c => mine != null && c.ClinicianId == mine);
    }

    /// <summary>Groups are clinical work: Billers do not see them.</summary>
    public async Task<IQueryable<Group>> GroupsAsync(CancellationToken ct = default)
    {
        if (staff.Satisfies(Policies.SchedulesForOthers))
        {
            return db.Groups;
        }

        var mine = staff.Satisfies(Policies.Schedules) ? await staff.ClinicianIdAsync(ct) : null;
        return db.Groups.Where(g => mine != null && g.ClinicianId == mine);
    }

    /// <summary>Clinicians see their own appointments; front desk, administrators and billers see the practice's.</summary>
    public async Task<IQueryable<Appointment>> AppointmentsAsync(CancellationToken ct = default) =>
        await AppointmentsOfAsync(null, ct) switch
        {
            (false, _) => db.Appointments.Where(a => false),
            (true, null) => db.Appointments,
            (true, var mine) => db.Appointments.Where(a => a.ClinicianId == mine),
        };

    /// <summary>
    /// Which appointments of those asked for (one clinician's, or everyone's when <paramref name="clinicianId"/> is
    /// empty) the asker may see: none, everyone's (a null clinician) or one clinician's.
    /// </summary>
    public async Task<(bool Any, string? ClinicianId)> AppointmentsOfAsync(string? clinicianId, CancellationToken ct = default)
    {
        var asked = string.IsNullOrEmpty(clinicianId) ? null : clinicianId;
        if (staff.Satisfies(Policies.SeesWholePractice))
        {
            return (true, asked);
        }

        var mine = await staff.ClinicianIdAsync(ct);
        return mine is not null && (asked is null || asked == mine) ? (true, mine) : (false, null);
    }

    /// <summary>
    /// May the asker put a record on this clinician's caseload? Front desk and administrators may
    /// for any clinician; a clinician only for themself.
    /// </summary>
    public async Task<Refusal?> MayActForAsync(string? clinicianId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(clinicianId) || !await db.Clinicians.AnyAsync(c => c.Id == clinicianId, ct))
        {
            return Refusal.Invalid("clinicianId", "Choose a clinician.");
        }

        if (staff.Satisfies(Policies.SchedulesForOthers) || clinicianId == await staff.ClinicianIdAsync(ct))
        {
            return null;
        }

        return new Refusal(RefusalCodes.ClinicianNotYours, "A clinician can only work on their own caseload.", "clinicianId");
    }

    public bool MayScheduleForOthers => staff.Satisfies(Policies.SchedulesForOthers);

    /// <summary>The clinician the asker acts as by default: their own record, if they have one.</summary>
    public Task<string?> OwnClinicianIdAsync(CancellationToken ct = default) => staff.ClinicianIdAsync(ct);
}
