namespace Caseload.Domain.Practices;

/// <summary>
/// What staff calendar feeds say about the clients of a session. The feed leaves the practice: whatever it carries
/// is stored by the calendar provider the staff member subscribes with, so by default it carries no client at all.
/// </summary>
public enum CalendarFeedNames
{
    /// <summary>"Individual session", "Group session · 5 invited": no client is named.</summary>
    None,

    /// <summary>"Individual session · A.L.": the client's initials.</summary>
    Initials,

    /// <summary>"Ada Lovelace", "Tuesday group · 5 invited": the client's or group's name.</summary>
    Names,
}

public static class CalendarFeedNaming
{
    public static string NameOf(CalendarFeedNames names) => names.ToString().ToLowerInvariant();

    /// <summary>A choice as a writer names it (<c>none</c>, <c>initials</c>, <c>names</c>, any case).</summary>
    public static Outcome<CalendarFeedNames> Parse(string? text)
    {
        foreach (var names in Enum.GetValues<CalendarFeedNames>())
        {
            if (string.Equals(NameOf(names), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return names;
            }
        }

        return Refusal.Invalid("calendarFeedNames", "Calendar feeds show none (no client names), initials or names.");
    }
}
