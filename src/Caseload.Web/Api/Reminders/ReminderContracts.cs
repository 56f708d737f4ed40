using Caseload.Domain;
using Caseload.Domain.Reminders;
using Caseload.Web.Features.Reminders;

namespace Caseload.Web.Api.Reminders;

public sealed record ReminderDto(string Id, string AppointmentId, string ClientId, string Channel, int LeadHours, string DueAt, string Status,
    string? SentAt, string? Note)
{
    public static ReminderDto From(ReminderEntry r) => new(
        r.Id, r.AppointmentId, r.ClientId, ChannelOf(r.Channel), r.LeadHours, Wire.Time(r.DueAt.ToInstant(), r.DueAt.Zone), StatusOf(r.Status),
        r.SentAt is { } sent ? Wire.Time(sent.ToInstant(), sent.Zone) : null, r.Note);

    public static string StatusOf(ReminderStatus status) => status.ToString().ToLowerInvariant();

    public static string ChannelOf(Channel channel) => channel.ToString().ToLowerInvariant();
}

public sealed record TemplatesDto(string? EmailSubject, string? EmailBody, string? TextBody)
{
    public static TemplatesDto From(ReminderTemplates t) => new(t.EmailSubject, t.EmailBody, t.TextBody);

    public ReminderTemplates ToTemplates() => new(EmailSubject ?? "", EmailBody ?? "", TextBody ?? "");
}

public sealed record TestMessageInput(string? Channel, string? To);

/// <summary>The reminder log's filters as the query string gives them; each unreadable one is refused naming its field.</summary>
public sealed record ReminderQueryInput(string? Status, string? Channel, string? From, string? To)
{
    public Outcome<ReminderQuery> ToQuery()
    {
        var (start, badFrom) = From is null ? (null, null) : Wire.ParseDate(From, "from");
        var (end, badTo) = To is null ? (null, null) : Wire.ParseDate(To, "to");
        var badStatus = Status is null or "pending" or "sent" or "cancelled" or "failed"
            ? null
            : Refusal.Invalid("status", "Status is pending, sent, cancelled or failed.");
        var badChannel = Channel is null or "email" or "text" ? null : Refusal.Invalid("channel", "Channel is email or text.");
        if ((badFrom ?? badTo ?? badStatus ?? badChannel) is { } bad)
        {
            return bad;
        }

        return new ReminderQuery(Status is null ? null : Enum.Parse<ReminderStatus>(Status, ignoreCase: true),
            Channel is null ? null : ReminderEndpoints.ParseChannel(Channel).Channel, start, end);
    }
}
