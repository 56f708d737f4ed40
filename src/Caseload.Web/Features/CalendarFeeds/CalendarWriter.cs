using Caseload.Domain.Scheduling;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;

namespace Caseload.Web.Features.CalendarFeeds;

/// <summary>
/// One appointment as an iCalendar event: its wall-clock times in the practice zone, and only what the caller chose
/// to show (the feed's title rules, or a reminder's own wording).
/// </summary>
/// <param name="Version">The appointment's change counter, which every change of it raises: the event's SEQUENCE.</param>
/// <param name="Attendee">The one person the event names, when the caller names one: a client's own file names the client alone.</param>
[FeatureApi]
public sealed record CalendarSession(
    string AppointmentId,
    LocalDateTime Start,
    LocalDateTime End,
    AppointmentStatus Status,
    int Version,
    string Summary,
    string? Location,
    string? Description = null,
    CalendarAttendee? Attendee = null);

/// <summary>Someone an event names as attending: their name and email address.</summary>
[FeatureApi]
public sealed record CalendarAttendee(string Name, string Email);

/// <summary>
/// Writes RFC 5545 calendars with Ical.Net: a VTIMEZONE built from the practice's zone, every time given with that
/// TZID, a UID per appointment that never changes, a SEQUENCE that grows with each change, and STATUS:CANCELLED
/// for a cancelled session, so a subscribed calendar moves or strikes the event it already has.
/// </summary>
[FeatureApi]
public static class CalendarWriter
{
    public const string ProductId = "-//Caseload//Caseload//EN";

    /// <summary>The same appointment has the same UID in every feed and every reminder's attachment.</summary>
    public static string Uid(string appointmentId) => $"appointment-{appointmentId}@caseload";

    /// <summary>
    /// A calendar of sessions, for a subscription (no METHOD) or a single event sent by email (METHOD:PUBLISH).
    /// </summary>
    /// <param name="zone">The practice's zone: its VTIMEZONE covers <paramref name="from"/> onwards.</param>
    /// <param name="stamp">DTSTAMP of every event: when this information was last revised.</param>
    public static string Write(
        DateTimeZone zone, Instant from, IEnumerable<CalendarSession> sessions, Instant stamp, string? name = null, string? method = null)
    {
        var calendar = new Calendar { ProductId = ProductId };
        if (method is not null)
        {
            calendar.Method = method;
        }

        if (name is not null)
        {
            calendar.AddProperty("X-WR-CALNAME", name);
            calendar.AddProperty("X-WR-TIMEZONE", zone.Id);
        }

        // Ical.Net builds the VTIMEZONE from the same tz database NodaTime uses, from the earliest time shown onwards:
        // a calendar app then places 10:00 on either side of a daylight-saving change where the practice means it.
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone.Id, from.InZone(zone).LocalDateTime.ToDateTimeUnspecified(), includeHistoricalData: true));
        var dtStamp = new CalDateTime(stamp.ToDateTimeUtc(), CalDateTime.UtcTzId);
        foreach (var session in sessions)
        {
            var e = new CalendarEvent
            {
                Uid = Uid(session.AppointmentId),
                DtStamp = dtStamp,
                DtStart = At(session.Start, zone),
                DtEnd = At(session.End, zone),
                Sequence = Math.Max(0, session.Version - 1),
                Summary = session.Summary,
                Status = session.Status == AppointmentStatus.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
                Transparency = session.Status == AppointmentStatus.Cancelled ? TransparencyType.Transparent : TransparencyType.Opaque,
            };
            if (session.Location is not null)
            {
                e.Location = session.Location;
            }

            if (session.Description is not null)
            {
                e.Description = session.Description;
            }

            if (session.Attendee is { } attendee)
            {
                e.Attendees.Add(new Attendee("mailto:" + attendee.Email)
                {
                    CommonName = attendee.Name,
                    Role = ParticipationRole.RequiredParticipant,
                    ParticipationStatus = EventParticipationStatus.Accepted,
                });
            }

            calendar.Events.Add(e);
        }

        return new CalendarSerializer(calendar).SerializeToString() ?? "";
    }

    private static CalDateTime At(LocalDateTime time, DateTimeZone zone) =>
        new(time.Year, time.Month, time.Day, time.Hour, time.Minute, time.Second, zone.Id);
}
