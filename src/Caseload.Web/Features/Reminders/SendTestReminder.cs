using Caseload.Domain;
using Caseload.Domain.Reminders;
using Caseload.Web.Data;

namespace Caseload.Web.Features.Reminders;

[FeatureApi]
public sealed record SendTestReminderCommand(Channel Channel, string? To);

/// <summary>Sends one message now, in the practice's wording, to the address or number given: the settings page's "send test message".</summary>
[FeatureApi]
public sealed class SendTestReminder(CaseloadDbContext db, ReminderSender sender, Clock clock)
{
    public const string NoAddress = "Give the email address or mobile number to send to.";

    /// <summary>Done when the channel took the message; refused with the channel's own words when it did not.</summary>
    public async Task<Outcome> HandleAsync(SendTestReminderCommand command, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.To))
        {
            return Refusal.Invalid("to", NoAddress);
        }

        var practice = await db.PracticeAsync(ct);
        var start = clock.Now.InZone(practice.Zone).LocalDateTime.PlusDays(2);
        var facts = new ReminderFacts(practice.Name, practice.Phone, start, "Room 1", practice.DateStyle);
        var to = command.To.Trim();
        try
        {
            await sender.DeliverAsync(command.Channel, Guid.NewGuid().ToString("N"), practice, facts, to, to, ct);
            return Outcome.Done;
        }
        catch (Exception e) when (e is TransientDeliveryException or InvalidOperationException or FormatException or MimeKit.ParseException
            or MailKit.Net.Smtp.SmtpCommandException)
        {
            return new Refusal(RefusalCodes.DeliveryFailed, e.Message);
        }
    }
}
