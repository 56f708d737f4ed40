using System.Linq.Expressions;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Appointment = Caseload.Domain.Scheduling.Appointment;
using AppointmentStatus = Caseload.Domain.Scheduling.AppointmentStatus;
using FhirAppointment = Hl7.Fhir.Model.Appointment;

namespace Caseload.Web.Fhir;

/// <summary>
/// Appointments as FHIR Appointments. How the product's states map to R4 (docs/api.md, "FHIR R4"):
/// <list type="bullet">
/// <item>cancelled → <c>cancelled</c>; anyone attended → <c>fulfilled</c> (the session took place, if only for some);
/// every invitee missed → <c>noshow</c>; otherwise <c>booked</c> (a future session, or a past one whose attendance is not marked yet).</item>
/// <item>An invitee still invited or attended → participant <c>accepted</c>; missed → <c>declined</c>. A client removed
/// from this appointment before its day stays a participant, <c>declined</c> and <c>information-only</c>, so a receiving
/// system can tell "taken off the list" from "did not come".</item>
/// <item>A group appointment names its Group in <c>supportingInformation</c> (Reference(Any)): R4's participant cannot
/// be a Group and <c>basedOn</c> takes only a ServiceRequest, so this is the core element that validates without an extension.</item>
/// </list>
/// </summary>
public sealed class FhirAppointments(Caseloads caseloads, FhirSessions sessions, AuditTrail audit)
{
    public const string ParticipationTypeSystem = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    public async Task<IResult> ReadAsync(string id, CancellationToken ct)
    {
        var page = await sessions.LoadAsync(await caseloads.AppointmentsAsync(ct), [id], ct);
        if (page.Appointments.Count == 0)
        {
            return FhirOutcomes.NotFound("Appointment", id);
        }

        var appointment = page.Appointments[0];
        await audit.ReadAsync(AuditEntities.Appointment, appointment.Id, ClientsOf(appointment), ct);
        return new FhirResult(ToAppointment(appointment, page));
    }

    public async Task<IResult> SearchAsync(HttpRequest request, CancellationToken ct)
    {
        var (search, refusal) = FhirSearch.Read(request, "Appointment");
        if (search is null)
        {
            return refusal!;
        }

        var visible = await caseloads.AppointmentsAsync(ct);
        var query = visible;
        var zone = await sessions.ZoneAsync(ct);
        foreach (var dates in search.Values("date"))
        {
            var criteria = dates.Select(d => DateCriterion.Parse(d, zone)).ToList();
            if (criteria.Any(c => c is null))
            {
                return FhirOutcomes.Invalid("date", "date is a FHIR date or dateTime such as ge2026-12-01 or lt2026-12-08T00:00:00-05:00.");
            }

            query = query.Where(Predicates.AnyOf(criteria.Select(c => c!.OnStart())));
        }

        foreach (var practitioners in search.Values("practitioner"))
        {
            var ids = practitioners.Select(p => FhirReferences.IdOf(p, "Practitioner")).OfType<string>().ToList();
            query = query.Where(a => ids.Contains(a.ClinicianId));
        }

        foreach (var patients in search.Values("patient"))
        {
            var ids = patients.Select(p => FhirReferences.IdOf(p, "Patient")).OfType<string>().ToList();
            query = query.Where(a => a.Invitees.Any(i => ids.Contains(i.ClientId)) || a.Uninvited.Any(u => ids.Contains(u.ClientId)));
        }

        foreach (var statuses in search.Values("status"))
        {
            query = query.Where(Predicates.AnyOf(statuses.Select(StatusIs)));
        }

        var total = await query.CountAsync(ct);
        var pageIds = await query.OrderBy(a => a.StartsAt).ThenBy(a => a.Id).Select(a => a.Id).Skip(search.Offset).Take(search.Count).ToListAsync(ct);
        var page = await sessions.LoadAsync(visible, pageIds, ct, zone);
        await audit.ReadAsync(AuditEntities.Appointment, "fhir:Appointment", page.Appointments.SelectMany(ClientsOf), ct,
            search.Describe(page.Appointments.Count, total));
        return new FhirResult(search.Page(request, page.Appointments.Select(a => ToAppointment(a, page)), total));
    }

    /// <summary>Every client the resource names: the invitees and those removed from it.</summary>
    public static IEnumerable<string?> ClientsOf(Appointment a) => a.Invitees.Select(i => i.ClientId).Concat(a.Uninvited.Select(u => u.ClientId));

    public static FhirAppointment.AppointmentStatus StatusOf(Appointment a) =>
        a.Status == AppointmentStatus.Cancelled ? FhirAppointment.AppointmentStatus.Cancelled
        : a.Invitees.Any(i => i.Status == InviteeStatus.Attended) ? FhirAppointment.AppointmentStatus.Fulfilled
        : a.Invitees.Count > 0 && a.Invitees.All(i => i.Status == InviteeStatus.Missed) ? FhirAppointment.AppointmentStatus.Noshow
        : FhirAppointment.AppointmentStatus.Booked;

    /// <summary><see cref="StatusOf"/> as a condition the database runs; a status the product never gives matches nothing.</summary>
    private static Expression<Func<Appointment, bool>> StatusIs(string code) => code switch
    {
        "cancelled" => a => a.Status == AppointmentStatus.Cancelled,
        "fulfilled" => a => a.Status == AppointmentStatus.Scheduled && a.Invitees.Any(i => i.Status == InviteeStatus.Attended),
        "noshow" => a => a.Status == AppointmentStatus.Scheduled && a.Invitees.Any() && a.Invitees.All(i => i.Status == InviteeStatus.Missed),
        "booked" => a => a.Status == AppointmentStatus.Scheduled && !a.Invitees.Any(i => i.Status == InviteeStatus.Attended)
            && (!a.Invitees.Any() || a.Invitees.Any(i => i.Status != InviteeStatus.Missed)),
        _ => a => false,
    };

    private static FhirAppointment ToAppointment(Appointment a, SessionPage page)
    {
        var resource = new FhirAppointment
        {
            Id = a.Id,
            Status = StatusOf(a),
            ServiceType = [FhirWire.ServiceType(a.ServiceCode, page.ServiceDescriptions.GetValueOrDefault(a.ServiceCode))],
            Description = a.GroupId is { } g ? page.GroupNames.GetValueOrDefault(g) : null,
            StartElement = FhirWire.InstantElement(a.StartsAt, page.Zone),
            EndElement = FhirWire.InstantElement(a.EndsAt, page.Zone),
            MinutesDuration = a.DurationMinutes,
            Created = FhirWire.Instant(a.SavedAt, page.Zone),
            Participant =
            [
                new FhirAppointment.ParticipantComponent
                {
                    Type = [new CodeableConcept(ParticipationTypeSystem, "PPRF")],
                    Actor = FhirWire.Reference("Practitioner", a.ClinicianId, page.ClinicianNames.GetValueOrDefault(a.ClinicianId)),
                    Required = FhirAppointment.ParticipantRequired.Required,
                    Status = ParticipationStatus.Accepted,
                },
                .. a.Invitees.OrderBy(i => i.ClientId, StringComparer.Ordinal).Select(i => new FhirAppointment.ParticipantComponent
                {
                    Actor = FhirWire.Reference("Patient", i.ClientId, page.ClientNames.GetValueOrDefault(i.ClientId)),
                    Required = FhirAppointment.ParticipantRequired.Required,
                    Status = i.Status == InviteeStatus.Missed ? ParticipationStatus.Declined : ParticipationStatus.Accepted,
                }),
                .. a.Uninvited.OrderBy(u => u.ClientId, StringComparer.Ordinal).Select(u => new FhirAppointment.ParticipantComponent
                {
                    Actor = FhirWire.Reference("Patient", u.ClientId, page.ClientNames.GetValueOrDefault(u.ClientId)),
                    Required = FhirAppointment.ParticipantRequired.InformationOnly,
                    Status = ParticipationStatus.Declined,
                }),
            ],
        };
        if (a.GroupId is { } groupId)
        {
            resource.SupportingInformation = [FhirWire.Reference("Group", groupId, page.GroupNames.GetValueOrDefault(groupId))];
        }

        return resource;
    }
}
