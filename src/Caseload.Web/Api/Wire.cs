using Caseload.Domain;
using Caseload.Domain.Scheduling;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Api;

/// <summary>How times, dates and kinds are written on the wire.</summary>
public static class Wire
{
    /// <summary>Group appointments are light blue on every calendar (rule 11).</summary>
    public const string GroupColor = "#add8e6";

    public static string Kind(AppointmentKind kind) => kind == AppointmentKind.Group ? "group" : "individual";

    public static string Status(AppointmentStatus status) => status == AppointmentStatus.Cancelled ? "cancelled" : "scheduled";

    public static string Status(InviteeStatus status) => status switch
    {
        InviteeStatus.Attended => "attended",
        InviteeStatus.Missed => "missed",
        _ => "invited",
    };

    public static string ETag(int version) => $"\"{version}\"";

    /// <summary>
    /// The version an <c>If-Match</c> header names: null for no header or <c>*</c> (any version); a value no
    /// version can have for anything else unreadable, so a garbled header is refused as stale, never ignored.
    /// </summary>
    public static int? IfMatch(string? header) => header?.Trim() switch
    {
        null or "*" => null,
        var tag when tag.Length > 2 && tag[0] == '"' && tag[^1] == '"' && int.TryParse(tag[1..^1], out var version) => version,
        _ => -1,
    };

    /// <summary>An instant with the practice's offset at that instant, e.g. 2026-12-01T10:00:00-05:00.</summary>
    public static string Time(Instant instant, DateTimeZone zone) =>
        OffsetDateTimePattern.Rfc3339.Format(instant.InZone(zone).ToOffsetDateTime());

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>RFC 3339 with an offset is required: a time without one is ambiguous.</summary>
    public static (LocalDateTime? Start, Refusal? Refusal) ParseStart(string? text, DateTimeZone zone, string field = "start")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, Refusal.Invalid(field, "Give the start date and time."));
        }

        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text.Trim());
        if (!parsed.Success)
        {
            return (null, Refusal.Invalid(field, "Give the start as an RFC 3339 date-time with an offset, e.g. 2026-12-01T10:00:00-05:00."));
        }

        if (SupportedDates.Check(parsed.Value.Date, field) is { } outside)
        {
            return (null, outside);
        }

        return (parsed.Value.ToInstant().InZone(zone).LocalDateTime, null);
    }

    /// <summary>Days <c>from</c>..<c>to</c> (both included), at most <paramref name="maxDays"/> apart; or what is wrong with them.</summary>
    public static (LocalDate From, LocalDate To, IReadOnlyList<Refusal> Refusals) ParseRange(string? from, string? to, int maxDays)
    {
        var (start, badFrom) = ParseDate(from, "from");
        var (end, badTo) = ParseDate(to, "to");
        var refusals = new[] { badFrom, badTo }.OfType<Refusal>().ToList();
        if (refusals.Count == 0 && (end < start || Period.Between(start!.Value, end!.Value, PeriodUnits.Days).Days > maxDays))
        {
            refusals.Add(Refusal.Invalid("to", $"'to' must be on or after 'from', at most {maxDays} days later."));
        }

        return refusals.Count == 0 ? (start!.Value, end!.Value, refusals) : (default, default, refusals);
    }

    /// <summary>A date as YYYY-MM-DD inside <see cref="SupportedDates"/>; or what is wrong with it, naming the field.</summary>
    public static (LocalDate? Date, Refusal? Refusal) ParseDate(string? text, string field) => SupportedDates.Parse(text, field);
}
