using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using NodaTime;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>
/// A booking that reads as the sentence it stands for:
/// <c>ASession.OfGroup(group, alice, bob).At(Tuesday10am).Weekly(count: 4).Save()</c>.
/// </summary>
public static class ASession
{
    public static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    public static readonly DateTimeZone Sydney = DateTimeZoneProviders.Tzdb["Australia/Sydney"];

    /// <summary>Tuesday 1 December 2026, 10:00 in New York: the moment every domain scheduling test books at.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 12, 1, 15, 0);

    /// <summary>Tuesday 8 December 2026, 10:00: a week after "today".</summary>
    public static readonly LocalDateTime NextTuesdayAt10 = new(2026, 12, 8, 10, 0);

    /// <param name="known">The clients the practice knows: the group's members and anyone else the request names.</param>
    public static SessionBuilder OfGroup(Group group, params Client[] known) =>
        new(AppointmentKind.Group, group.ClinicianId, group, null, known);

    public static SessionBuilder With(Client client) =>
        new(AppointmentKind.Individual, client.ClinicianId, null, client, [client]);
}

public sealed class SessionBuilder
{
    private readonly AppointmentKind _kind;
    private readonly Group? _group;
    private readonly Client? _client;
    private readonly Dictionary<string, Client> _known;
    private string _clinicianId;
    private LocalDateTime _start = ASession.NextTuesdayAt10;
    private int _minutes = 50;
    private string? _location;
    private IReadOnlyList<InviteeChoice>? _invitees;
    private Recurrence? _recurrence;
    private DateTimeZone _zone = ASession.NewYork;

    internal SessionBuilder(AppointmentKind kind, string clinicianId, Group? group, Client? client, IEnumerable<Client> known)
    {
        _kind = kind;
        _clinicianId = clinicianId;
        _group = group;
        _client = client;
        _known = known.ToDictionary(c => c.Id);
    }

    public SessionBuilder By(string clinicianId)
    {
        _clinicianId = clinicianId;
        return this;
    }

    public SessionBuilder At(LocalDateTime start)
    {
        _start = start;
        return this;
    }

    public SessionBuilder Lasting(int minutes)
    {
        _minutes = minutes;
        return this;
    }

    public SessionBuilder In(string location)
    {
        _location = location;
        return this;
    }

    public SessionBuilder InZone(DateTimeZone zone)
    {
        _zone = zone;
        return this;
    }

    public SessionBuilder Inviting(params InviteeChoice[] invitees)
    {
        _invitees = invitees;
        return this;
    }

    public SessionBuilder Knowing(params Client[] clients)
    {
        foreach (var client in clients)
        {
            _known[client.Id] = client;
        }

        return this;
    }

    public SessionBuilder Repeating(Recurrence recurrence)
    {
        _recurrence = recurrence;
        return this;
    }

    public SessionBuilder Weekly(int? count = null, LocalDate? until = null, int interval = 1) =>
        Repeating(new Recurrence(Frequency.Weekly, interval, count, until));

    public SessionBuilder Monthly(int? count = null, LocalDate? until = null, int interval = 1) =>
        Repeating(new Recurrence(Frequency.MonthlyByWeekday, interval, count, until));

    public BookingRequest Request() =>
        new(_kind, _clinicianId, _group?.ServiceCode ?? "90834", _group, _client,
            new SessionSlot(_start, _minutes, _location), Memo: null, _invitees, _recurrence);

    public (Booked? Booked, Outcome Outcome) Book() => Booking.Book(Request(), _known, _zone, ASession.Now);

    /// <summary>Books and returns the appointments, failing the test if any rule refused.</summary>
    public IReadOnlyList<Appointment> Save()
    {
        var (booked, outcome) = Book();
        Assert.True(outcome.Succeeded, string.Join("; ", (outcome.Refusals ?? []).Select(r => $"{r.Field}: {r.Message}")));
        return booked!.Appointments;
    }

    /// <summary>The one appointment of a booking without recurrence.</summary>
    public Appointment SaveOne() => Assert.Single(Save());

    /// <summary>Books, expecting a refusal; nothing is booked.</summary>
    public IReadOnlyList<Refusal> Refusals()
    {
        var (booked, outcome) = Book();
        Assert.False(outcome.Succeeded, "the booking was expected to be refused");
        Assert.Null(booked);
        return outcome.Refusals;
    }
}

/// <summary>Shorthands for the people the scheduling tests book.</summary>
public static class People
{
    public static Client ClientOf(string clinicianId, string firstName) =>
        A.Client().Of(clinicianId).Named(firstName, "Tester").Build();
}
