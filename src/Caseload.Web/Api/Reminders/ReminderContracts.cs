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

/// <summary>
/// The reminder log's filters, order and page as the query string gives them; each unreadable one is refused naming its field.
/// Without <c>page</c>, <c>pageSize</c> and <c>order</c> the answer is what it always was: the latest 500, latest due first.
/// </summary>
public sealed record ReminderQueryInput(string? Status, string? Channel, string? From, string? To, string? Order = null, string? Page = null, string? PageSize = null)
{
    public Outcome<ReminderQuery> ToQuery()
    {
        var (start, badFrom) = From is null ? (null, null) : Wire.ParseDate(From, "from");
        var (end, badTo) = To is null ? (null, null) : Wire.ParseDate(To, "to");
        var badStatus = Status is null or "pending" or "sent" or "cancelled" or "failed"
            ? null
            : Refusal.Invalid("status", "Status is pending, sent, cancelled or failed.");
        var badChannel = Channel is null or "email" or "text" ? null : Refusal.Invalid("channel", "Channel is email or text.");
        var badOrder = Order is null or "latest" or "upcoming" or "oldest" ? null : Refusal.Invalid("order", "Order is latest, upcoming or oldest.");
        var (page, badPage) = Whole(Page, "page", 1, int.MaxValue, 1);
        var (pageSize, badPageSize) = Whole(PageSize, "pageSize", 1, ReminderQuery.MaxPageSize, ReminderQuery.MaxPageSize);
        if ((badFrom ?? badTo ?? badStatus ?? badChannel ?? badOrder ?? badPage ?? badPageSize) is { } bad)
        {
            return bad;
        }

        return new ReminderQuery(Status is null ? null : Enum.Parse<ReminderStatus>(Status, ignoreCase: true),
            Channel is null ? null : ReminderEndpoints.ParseChannel(Channel).Channel, start, end,
            Order is null ? ReminderOrder.Latest : Enum.Parse<ReminderOrder>(Order, ignoreCase: true), page, pageSize);
    }

    private static (int Value, Refusal? Refusal) Whole(string? text, string field, int min, int max, int absent) =>
        text is null ? (absent, null)
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (absent, Refusal.Invalid(field, $"{field} is a whole number from {min} to {max}."));
}
