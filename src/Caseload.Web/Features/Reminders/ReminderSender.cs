using System.Net;
using System.Text;
using Caseload.Domain.Practices;
using Caseload.Domain.Reminders;
using Caseload.Domain.Scheduling;
using Caseload.Web.Features.CalendarFeeds;
using NodaTime;

namespace Caseload.Web.Features.Reminders;

/// <summary>The appointment an email reminder is about, for its <c>.ics</c> attachment.</summary>
/// <param name="Version">The appointment's change counter: the event's SEQUENCE, so a later reminder updates the event.</param>
public sealed record RemindedSession(string AppointmentId, Instant StartsAt, Instant EndsAt, int Version);

/// <summary>
/// Writes a reminder in the practice's wording and hands it to its channel: what the due reminders
/// and the test message share. Within one scope every email goes over the same SMTP connection.
/// </summary>
public sealed class ReminderSender(EmailDelivery email, TextDelivery text)
{
    public bool Sends(Channel channel) => channel == Channel.Email ? email.Configured : text.Configured;

    /// <param name="session">The appointment, when the reminder is about a real one: its email then carries it as an <c>.ics</c>.</param>
    public async Task DeliverAsync(Channel channel, string id, Practice practice, ReminderFacts facts, string? emailAddress, string? mobile,
        CancellationToken ct, RemindedSession? session = null)
    {
        var templates = practice.ReminderTemplates;
        if (channel == Channel.Email)
        {
            if (!email.Configured)
            {
                throw new TransientDeliveryException("Email reminders are off: no email server is configured.");
            }

            var body = ReminderTemplates.Fill(templates.EmailBody, facts);
            var html = "<p>" + WebUtility.HtmlEncode(body).Replace("\n\n", "</p><p>", StringComparison.Ordinal)
                .Replace("\n", "<br>", StringComparison.Ordinal) + "</p>";
            await email.SendAsync(practice.Name, new OutgoingEmail(emailAddress!, ReminderTemplates.Fill(templates.EmailSubject, facts),
                body, html, $"reminder-{id}@caseload", session is null ? null : Invitation(practice, facts, session)), ct);
        }
        else
        {
            if (!text.Configured)
            {
                throw new TransientDeliveryException("Text reminders are off: no text message service is configured.");
            }

            await text.SendAsync(mobile!, ReminderTemplates.Fill(templates.TextBody, facts), ct);
        }
    }

    /// <summary>
    /// The client's own appointment as one event (METHOD:PUBLISH, so a calendar app adds it without answering).
    /// It says only what the reminder says: the practice, the time, the location and the phone to call; no
    /// attendee, organizer, clinician, group or service.
    /// </summary>
    private static EmailAttachment Invitation(Practice practice, ReminderFacts facts, RemindedSession session)
    {
        var zone = practice.Zone;
        var ics = CalendarWriter.Write(zone, session.StartsAt,
            [new CalendarSession(session.AppointmentId, session.StartsAt.InZone(zone).LocalDateTime, session.EndsAt.InZone(zone).LocalDateTime,
                AppointmentStatus.Scheduled, session.Version, $"Appointment with {facts.PracticeName}", facts.Location,
                string.IsNullOrWhiteSpace(facts.PracticePhone) ? null : $"To change it, please call {facts.PracticePhone}.")],
            session.StartsAt, method: "PUBLISH");
        return new EmailAttachment("appointment.ics", "text/calendar; method=PUBLISH; charset=utf-8", Encoding.UTF8.GetBytes(ics));
    }
}
