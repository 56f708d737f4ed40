using NodaTime;
using NodaTime.Text;

namespace Caseload.Domain.Practices;

/// <summary>How the practice writes dates and times for people: one of a small fixed set, chosen once for every page and message.</summary>
public enum DateFormat
{
    /// <summary>12/07/2026 2:00 PM</summary>
    Us,

    /// <summary>07/12/2026 14:00</summary>
    International,

    /// <summary>2026-12-07 14:00</summary>
    Iso,
}

/// <summary>
/// Writes dates and times in the practice's <see cref="DateFormat"/>, the one way every page, warning, print view,
/// reminder and email shows them. Machine outputs (CSV, JSON, ETags) stay ISO and never come here.
/// </summary>
/// <remarks>
/// A practice that mixes 12/02/2026 with 2026-12-02 invites a misread day; a day written with its month
/// in words (<see cref="LongDate"/>, for headings) cannot be misread, so it reads the same in every format.
/// </remarks>
public sealed class DateStyle
{
    public static readonly DateStyle Us = new(DateFormat.Us, "MM/dd/uuuu", "h:mm tt", "MM/DD/YYYY");
    public static readonly DateStyle International = new(DateFormat.International, "dd/MM/uuuu", "HH:mm", "DD/MM/YYYY");
    public static readonly DateStyle Iso = new(DateFormat.Iso, "uuuu-MM-dd", "HH:mm", "YYYY-MM-DD");

    private static readonly LocalDatePattern LongDatePattern = LocalDatePattern.CreateWithInvariantCulture("dddd d MMMM uuuu");
    private static readonly LocalDatePattern ShortWeekday = LocalDatePattern.CreateWithInvariantCulture("ddd");
    private static readonly LocalDatePattern Weekday = LocalDatePattern.CreateWithInvariantCulture("dddd");

    private readonly LocalDatePattern _date;
    private readonly LocalTimePattern _time;
    private readonly LocalTimePattern _timeWithSeconds;

    private DateStyle(DateFormat format, string date, string time, string datePattern)
    {
        Format = format;
        _date = LocalDatePattern.CreateWithInvariantCulture(date);
        _time = LocalTimePattern.CreateWithInvariantCulture(time);
        _timeWithSeconds = LocalTimePattern.CreateWithInvariantCulture(time.Replace(":mm", ":mm:ss", StringComparison.Ordinal));
        DatePattern = datePattern;
    }

    public DateFormat Format { get; }

    /// <summary>The date pattern as a person reads it (MM/DD/YYYY), for help text beside a date picker.</summary>
    public string DatePattern { get; }

    /// <summary>The format's name on the wire and in forms: <c>us</c>, <c>international</c>, <c>iso</c>.</summary>
    public string Name => NameOf(Format);

    /// <summary>Whether times are written with AM/PM (only <c>us</c>).</summary>
    public bool TwelveHour => Format == DateFormat.Us;

    public static IReadOnlyList<DateStyle> All { get; } = [Us, International, Iso];

    public static DateStyle Of(DateFormat format) => format switch
    {
        DateFormat.International => International,
        DateFormat.Iso => Iso,
        _ => Us,
    };

    public static string NameOf(DateFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>A format as a writer names it (<c>us</c>, <c>international</c>, <c>iso</c>, any case).</summary>
    public static Outcome<DateFormat> Parse(string? text) =>
        All.FirstOrDefault(s => string.Equals(s.Name, text?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } style
            ? style.Format
            : Refusal.Invalid("dateFormat", "The date format is us (12/07/2026 2:00 PM), international (07/12/2026 14:00) or iso (2026-12-07 14:00).");

    public string Date(LocalDate date) => _date.Format(date);

    public string Time(LocalTime time) => _time.Format(time);

    /// <summary>"2:00:05 PM": a time to the second, for "saved at" notices.</summary>
    public string TimeWithSeconds(LocalTime time) => _timeWithSeconds.Format(time);

    public string DateTime(LocalDateTime at) => $"{Date(at.Date)} {Time(at.TimeOfDay)}";

    /// <summary>"Mon 12/07/2026": a date with its short weekday, for lists and warnings.</summary>
    public string Day(LocalDate date) => $"{ShortWeekday.Format(date)} {Date(date)}";

    /// <summary>"Mon 12/07/2026 2:00 PM".</summary>
    public string DayTime(LocalDateTime at) => $"{Day(at.Date)} {Time(at.TimeOfDay)}";

    /// <summary>"Monday 12/07/2026": the weekday in full, for messages to clients.</summary>
    public string WeekdayDate(LocalDate date) => $"{Weekday.Format(date)} {Date(date)}";

    /// <summary>"Monday 7 December 2026": a heading's date, the month in words.</summary>
    public static string LongDate(LocalDate date) => LongDatePattern.Format(date);

    /// <summary>"Monday 7 December 2026, 2:00 PM".</summary>
    public string LongDateTime(LocalDateTime at) => $"{LongDate(at.Date)}, {Time(at.TimeOfDay)}";

    /// <summary>How 7 December 2026 at 14:00 reads in this format, for the settings page.</summary>
    public string Example => DateTime(new LocalDateTime(2026, 12, 7, 14, 0));
}
