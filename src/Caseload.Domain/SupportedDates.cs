using NodaTime;
using NodaTime.Text;

namespace Caseload.Domain;

/// <summary>
/// The days Caseload takes as input, said once: 1900-01-01 to 2200-12-31, both included.
/// </summary>
/// <remarks>
/// Every real date of birth, session, payment or report range falls inside it; a date outside it
/// is a typo (year 9999 for 1999) that the databases and the time zone rules cannot all store or
/// resolve, so it is refused naming the field, never passed on to fail as a server error.
/// </remarks>
public static class SupportedDates
{
    public static readonly LocalDate Earliest = new(1900, 1, 1);

    public static readonly LocalDate Latest = new(2200, 12, 31);

    public static string RangeMessage => "Give a date between 1900-01-01 and 2200-12-31.";

    public static bool Contains(LocalDate date) => date >= Earliest && date <= Latest;

    /// <summary>Null when the date is inside the range, else the refusal naming <paramref name="field"/>.</summary>
    public static Refusal? Check(LocalDate date, string field) => Contains(date) ? null : Refusal.Invalid(field, RangeMessage);

    /// <summary>A date as YYYY-MM-DD inside the range; or what is wrong with it, naming <paramref name="field"/>.</summary>
    public static (LocalDate? Date, Refusal? Refusal) Parse(string? text, string field)
    {
        var parsed = LocalDatePattern.Iso.Parse(text?.Trim() ?? "");
        if (!parsed.Success)
        {
            return (null, Refusal.Invalid(field, "Give a date as YYYY-MM-DD."));
        }

        return Check(parsed.Value, field) is { } outside ? (null, outside) : (parsed.Value, null);
    }
}
