using System.Globalization;
using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.CalendarFeeds;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Portal.Sessions;

/// <summary>An iCalendar file to hand the client: its name and text.</summary>
public sealed record CalendarFile(string FileName, string Text)
{
    public const string ContentType = "text/calendar; charset=utf-8";
}

/// <summary>
/// One of the client's own sessions as an iCalendar event for their calendar app: in the practice's time zone, titled
/// with the session's client-facing title and the practice's name, with the client as its one attendee. No other
/// member, no group name, no clinician, no service code. A session they gave up, or one cancelled, comes as cancelled,
/// so the event they already imported is struck out.
/// </summary>
public sealed class MyAppointmentCalendar(CaseloadDbContext db, PortalClients clients, AuditTrail audit, Clock clock)
{
    public async Task<Outcome<CalendarFile>> HandleAsync(string appointmentId, string clientId, CancellationToken ct)
    {
        if (await clients.FindAsync(clientId, ct) is not { } client)
        {
            return Refusal.NotFound("No such client.");
        }

        var session = await clients.AppointmentsOf(clientId).Where(a => a.Id == appointmentId)
            .Select(a => new
            {
                a.Id, a.Kind, a.Start, a.StartsAt, a.EndsAt, a.Location, a.Status, a.Version,
                ClientTitle = db.Groups.Where(g => g.Id == a.GroupId).Select(g => g.ClientTitle).FirstOrDefault(),
                OnIt = a.Invitees.Any(i => i.ClientId == clientId),
            })
            .FirstOrDefaultAsync(ct);
        if (session is null)
        {
            return Refusal.NotFound("No such appointment.");
        }

        var practice = await db.PracticeAsync(ct);
        var zone = practice.Zone;
        var status = session.OnIt ? session.Status : AppointmentStatus.Cancelled;
        var calendar = CalendarWriter.Write(zone, session.StartsAt,
            [new CalendarSession(session.Id, session.StartsAt.InZone(zone).LocalDateTime, session.EndsAt.InZone(zone).LocalDateTime, status,
                session.Version, $"{PortalClients.TitleOf(session.Kind, session.ClientTitle)} · {practice.Name}", session.Location,
                string.IsNullOrWhiteSpace(practice.Phone) ? null : $"To change it, please call {practice.Phone}.",
                client.Email is { } email ? new CalendarAttendee(client.FullName, email) : null)],
            clock.Now, method: "PUBLISH");
        await audit.RecordAsync([new AuditEvent(AuditActions.Export, AuditEntities.Appointment, session.Id, clientId, "own session as .ics")], ct, client.Actor);
        return new CalendarFile($"session-{session.Start.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}.ics", calendar);
    }
}
