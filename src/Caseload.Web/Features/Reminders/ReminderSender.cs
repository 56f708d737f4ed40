using System.Net;
using Caseload.Domain.Practices;
using Caseload.Domain.Reminders;

namespace Caseload.Web.Features.Reminders;

/// <summary>
/// Writes a reminder in the practice's wording and hands it to its channel: what the due reminders
/// and the test message share. Within one scope every email goes over the same SMTP connection.
/// </summary>
public sealed class ReminderSender(EmailDelivery email, TextDelivery text)
{
    public bool Sends(Channel channel) => channel == Channel.Email ? email.Configured : text.Configured;

    public async Task DeliverAsync(Channel channel, string id, Practice practice, ReminderFacts facts, string? emailAddress, string? mobile,
        CancellationToken ct)
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
                body, html, $"reminder-{id}@caseload"), ct);
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
}
