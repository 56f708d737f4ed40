using NodaTime;

namespace Caseload.Domain.Scheduling;

/// <summary>The rule a run of appointments was made from. The occurrences are real rows, each editable on its own.</summary>
public sealed class Series
{
    private Series()
    {
    }

    internal Series(Recurrence recurrence, LocalDate firstDate)
    {
        Id = Guid.CreateVersion7().ToString("N");
        Frequency = recurrence.Frequency;
        Interval = recurrence.Interval;
        Count = recurrence.Count;
        Until = recurrence.Until;
        FirstDate = firstDate;
    }

    public string Id { get; private set; } = "";

    public Frequency Frequency { get; private set; }

    public int Interval { get; private set; }

    public int? Count { get; private set; }

    public LocalDate? Until { get; private set; }

    public LocalDate FirstDate { get; private set; }
}
