using NodaTime;

namespace Caseload.Domain.Scheduling;

public enum Frequency
{
    Weekly,
    MonthlyByWeekday,
}

/// <summary>How a series repeats (rule 4): every N weeks, or every N months on the same weekday of the month.</summary>
/// <remarks>
/// A series ends after a number of occurrences or on a date, and never runs past two years: a
/// practice reviews its groups long before that, and an open-ended series would fill the calendar forever.
/// Monthly series keep the weekday and its place in the month ("second Tuesday"); a series started on
/// a fifth weekday falls on the last such weekday of each month, since not every month has a fifth.
/// </remarks>
public sealed record Recurrence(Frequency Frequency, int Interval, int? Count, LocalDate? Until)
{
    public const int MaxInterval = 12;
    public static readonly Period Horizon = Period.FromYears(2);

    public IReadOnlyList<Refusal> Validate(LocalDate first)
    {
        var refusals = new List<Refusal>();
        if (Interval is < 1 or > MaxInterval)
        {
            refusals.Add(Refusal.Invalid("recurrence.interval", $"Repeat every 1 to {MaxInterval} weeks or months."));
        }

        if (Count is null && Until is null)
        {
            refusals.Add(Refusal.Invalid("recurrence", "Say when the series ends: after a number of sessions or on a date."));
        }
        else if (Count is not null && Until is not null)
        {
            refusals.Add(Refusal.Invalid("recurrence", "End the series after a number of sessions or on a date, not both."));
        }
        else if (Count is < 1 or > 200)
        {
            refusals.Add(Refusal.Invalid("recurrence.count", "A series has from 1 to 200 sessions."));
        }
        else if (Until is { } until && (until < first || until > first + Horizon))
        {
            refusals.Add(Refusal.Invalid("recurrence.until", "The end date must fall within two years after the first session."));
        }
        else if (Count is { } count && refusals.Count == 0 && Dates(first).Count() < count)
        {
            refusals.Add(Refusal.Invalid("recurrence.count", $"{count} sessions run past two years after the first; choose fewer."));
        }

        return refusals;
    }

    /// <summary>The dates of the series, the first included, within the two-year horizon.</summary>
    public IEnumerable<LocalDate> Dates(LocalDate first)
    {
        var last = Until ?? first + Horizon;
        if (last > first + Horizon)
        {
            last = first + Horizon;
        }

        var produced = 0;
        for (var n = 0; ; n++)
        {
            var date = Frequency == Frequency.Weekly ? first.PlusWeeks(n * Interval) : SameWeekdayOfMonth(first, n * Interval);
            if (date > last || (Count is { } count && produced >= count))
            {
                yield break;
            }

            produced++;
            yield return date;
        }
    }

    private static LocalDate SameWeekdayOfMonth(LocalDate first, int monthsLater)
    {
        var ordinal = (first.Day - 1) / 7; // 0 = first such weekday of the month … 4 = fifth
        var month = first.PlusMonths(monthsLater);
        var firstOfMonth = new LocalDate(month.Year, month.Month, 1);
        return ordinal == 4
            ? firstOfMonth.With(DateAdjusters.EndOfMonth).With(DateAdjusters.PreviousOrSame(first.DayOfWeek))
            : firstOfMonth.With(DateAdjusters.NextOrSame(first.DayOfWeek)).PlusWeeks(ordinal);
    }
}
