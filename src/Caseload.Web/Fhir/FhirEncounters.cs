using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Appointment = Caseload.Domain.Scheduling.Appointment;

namespace Caseload.Web.Fhir;

/// <summary>
/// One Encounter for each client who attended a session: the session happened for them. Its id is the appointment's
/// id followed by the client's (two 32-character ids make the 64 characters a FHIR id may have), so it never changes
/// and needs no table of its own. Sessions held over a link are <c>VR</c> (virtual), the others <c>AMB</c> (ambulatory).
/// </summary>
public sealed class FhirEncounters(Caseloads caseloads, FhirSessions sessions, AuditTrail audit)
{
    public const string ActCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private const int IdLength = 32;

    private sealed record Attendance(string AppointmentId, string ClientId);

    public async Task<IResult> ReadAsync(string id, CancellationToken ct)
    {
        if (id.Length == 2 * IdLength)
        {
            var (appointmentId, clientId) = (id[..IdLength], id[IdLength..]);
            var page = await sessions.LoadAsync(await caseloads.AppointmentsAsync(ct), [appointmentId], ct);
            if (page.Appointments is [{ Status: AppointmentStatus.Scheduled } appointment]
                && appointment.Invitees.Any(i => i.ClientId == clientId && i.Status == InviteeStatus.Attended))
            {
                await audit.ReadAsync(AuditEntities.Appointment, appointment.Id, clientId, ct);
                return new FhirResult(ToEncounter(appointment, clientId, page));
            }
        }

        return FhirOutcomes.NotFound("Encounter", id);
    }

    public async Task<IResult> SearchAsync(HttpRequest request, CancellationToken ct)
    {
        var (search, refusal) = FhirSearch.Read(request, "Encounter");
        if (search is null)
        {
            return refusal!;
        }

        var visible = await caseloads.AppointmentsAsync(ct);
        var held = visible.Where(a => a.Status == AppointmentStatus.Scheduled);
        var zone = await sessions.ZoneAsync(ct);
        foreach (var dates in search.Values("date"))
        {
            var criteria = dates.Select(d => DateCriterion.Parse(d, zone)).ToList();
            if (criteria.Any(c => c is null))
            {
                return FhirOutcomes.Invalid("date", "date is a FHIR date or dateTime such as ge2026-12-01 or lt2026-12-08T00:00:00-05:00.");
            }

            held = held.Where(Predicates.AnyOf(criteria.Select(c => c!.OnPeriod())));
        }

        var attended = held.SelectMany(a => a.Invitees.Where(i => i.Status == InviteeStatus.Attended),
            (a, i) => new { a.Id, a.StartsAt, i.ClientId });
        foreach (var patients in search.Values("patient"))
        {
            var ids = patients.Select(p => FhirReferences.IdOf(p, "Patient")).OfType<string>().ToList();
            attended = attended.Where(x => ids.Contains(x.ClientId));
        }

        var total = await attended.CountAsync(ct);
        var rows = (await attended.OrderBy(x => x.StartsAt).ThenBy(x => x.Id).ThenBy(x => x.ClientId)
            .Skip(search.Offset).Take(search.Count).ToListAsync(ct)).Select(x => new Attendance(x.Id, x.ClientId)).ToList();
        var page = await sessions.LoadAsync(visible, [.. rows.Select(r => r.AppointmentId).Distinct()], ct, zone);
        var byId = page.Appointments.ToDictionary(a => a.Id);
        await audit.ReadAsync(AuditEntities.Appointment, "fhir:Encounter", rows.Select(r => (string?)r.ClientId), ct, search.Describe(rows.Count, total));
        return new FhirResult(search.Page(request, rows.Select(r => ToEncounter(byId[r.AppointmentId], r.ClientId, page)), total));
    }

    private static Encounter ToEncounter(Appointment a, string clientId, SessionPage page) => new()
    {
        Id = a.Id + clientId,
        Status = Encounter.EncounterStatus.Finished,
        Class = a.IsTelehealth ? new Coding(ActCodeSystem, "VR", "virtual") : new Coding(ActCodeSystem, "AMB", "ambulatory"),
        ServiceType = FhirWire.ServiceType(a.ServiceCode, page.ServiceDescriptions.GetValueOrDefault(a.ServiceCode)),
        Subject = FhirWire.Reference("Patient", clientId, page.ClientNames.GetValueOrDefault(clientId)),
        Participant =
        [
            new Encounter.ParticipantComponent
            {
                Type = [new CodeableConcept(FhirAppointments.ParticipationTypeSystem, "PPRF")],
                Individual = FhirWire.Reference("Practitioner", a.ClinicianId, page.ClinicianNames.GetValueOrDefault(a.ClinicianId)),
            },
        ],
        Appointment = [FhirWire.Reference("Appointment", a.Id)],
        Period = new Period { Start = FhirWire.Instant(a.StartsAt, page.Zone), End = FhirWire.Instant(a.EndsAt, page.Zone) },
        Length = new Duration { Value = a.DurationMinutes, Unit = "min", System = "http://unitsofmeasure.org", Code = "min" },
    };
}
