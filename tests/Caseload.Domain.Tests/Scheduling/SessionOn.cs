using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using NodaTime;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>The session's calendar day in the practice zone, compared with the practice's today (1 December 2026).</summary>
public enum Day
{
    /// <summary>Tuesday 24 November: a week ago.</summary>
    Past,

    /// <summary>Tuesday 1 December at 18:00, saved at 10:00 the same day.</summary>
    Today,

    /// <summary>Wednesday 2 December.</summary>
    Tomorrow,

    /// <summary>Tuesday 8 December.</summary>
    Later,
}

/// <summary>A single group appointment, or the first occurrence of a weekly series of three.</summary>
public enum Kind
{
    Single,
    SeriesOccurrence,
}

/// <summary>Alice and Bob's group, booked on one <see cref="Day"/>: the appointment a test acts on, and the rest of its series.</summary>
internal sealed record SessionOn(Group Group, Client Alice, Client Bob, Appointment Appointment, IReadOnlyList<Appointment> Series)
{
    public IEnumerable<Appointment> OtherOccurrences => Series.Where(a => a.Id != Appointment.Id);

    public static LocalDateTime StartOf(Day day) => day switch
    {
        Day.Past => new LocalDateTime(2026, 11, 24, 10, 0),
        Day.Today => new LocalDateTime(2026, 12, 1, 18, 0),
        Day.Tomorrow => new LocalDateTime(2026, 12, 2, 10, 0),
        _ => ASession.NextTuesdayAt10,
    };

    public static SessionOn Booked(Day day, Kind kind)
    {
        var alice = People.ClientOf(A.Morgan, "Alice");
        var bob = People.ClientOf(A.Morgan, "Bob");
        var group = A.Group().With(alice, bob).Build();
        var session = ASession.OfGroup(group, alice, bob).At(StartOf(day));
        var booked = kind == Kind.Single ? session.Save() : session.Weekly(count: 3).Save();
        Assert.Equal(StartOf(day).Date, booked[0].Date);
        return new SessionOn(group, alice, bob, booked[0], booked);
    }
}
