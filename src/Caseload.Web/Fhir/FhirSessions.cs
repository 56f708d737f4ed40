using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Fhir;

/// <summary>Appointments with the names their FHIR resources show, read in one query a kind whatever the page size.</summary>
public sealed record SessionPage(
    IReadOnlyList<Appointment> Appointments,
    IReadOnlyDictionary<string, string> ClientNames,
    IReadOnlyDictionary<string, string> ClinicianNames,
    IReadOnlyDictionary<string, string> GroupNames,
    IReadOnlyDictionary<string, string> ServiceDescriptions,
    DateTimeZone Zone);

public sealed class FhirSessions(CaseloadDbContext db)
{
    public Task<DateTimeZone> ZoneAsync(CancellationToken ct) => db.ZoneAsync(ct);

    /// <summary>The appointments of <paramref name="ids"/> from <paramref name="visible"/>, in the order of the ids.</summary>
    /// <param name="zone">The practice's zone when the caller has read it already.</param>
    public async Task<SessionPage> LoadAsync(IQueryable<Appointment> visible, IReadOnlyList<string> ids, CancellationToken ct, DateTimeZone? zone = null)
    {
        var loaded = await visible.AsNoTracking().AsSplitQuery().Include(a => a.Invitees).Include(a => a.Uninvited)
            .Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        var byId = loaded.ToDictionary(a => a.Id);
        var appointments = ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();

        var clientIds = appointments.SelectMany(a => a.Invitees.Select(i => i.ClientId).Concat(a.Uninvited.Select(u => u.ClientId))).Distinct().ToList();
        var clinicianIds = appointments.Select(a => a.ClinicianId).Distinct().ToList();
        var groupIds = appointments.Select(a => a.GroupId).OfType<string>().Distinct().ToList();
        var codes = appointments.Select(a => a.ServiceCode).Distinct().ToList();
        return new SessionPage(
            appointments,
            await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.FirstName + " " + c.LastName, ct),
            await db.Clinicians.AsNoTracking().Where(c => clinicianIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.DisplayName, ct),
            await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct),
            await db.ServiceCodes.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Description, ct),
            zone ?? await db.ZoneAsync(ct));
    }
}
