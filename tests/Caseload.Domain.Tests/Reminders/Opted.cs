using Caseload.Domain.Clients;
using Caseload.Domain.Reminders;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using Caseload.Domain.Tests.Scheduling;
using NodaTime;

namespace Caseload.Domain.Tests.Reminders;

/// <summary>Clients with reminder preferences, and the practice's defaults, for the rule 10 tests.</summary>
public static class Opted
{
    /// <summary>The practice's default lead times: 48 hours and 2 hours before the start.</summary>
    public static readonly IReadOnlyList<int> DefaultLeadTimes = [48, 2];

    /// <summary>A client of Morgan's with an email address and a mobile number, opted in to the channels given.</summary>
    public static Client Client(string firstName, bool email, bool text)
    {
        var details = A.ValidDetails() with { FirstName = firstName, Reminders = new ReminderPreferences(email, text) };
        var (client, outcome) = Domain.Clients.Client.Create(A.Morgan, details, A.Today);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Refusals.Select(r => r.Message)));
        return client!;
    }

    public static Client ToEmail(string firstName) => Client(firstName, email: true, text: false);

    public static Client ToText(string firstName) => Client(firstName, email: false, text: true);

    public static Client ToBoth(string firstName) => Client(firstName, email: true, text: true);

    public static Client Out(string firstName) => Client(firstName, email: false, text: false);

    /// <summary>The reminders the appointment should have as things stand at <paramref name="now"/>, with the default lead times.</summary>
    public static IReadOnlyList<WantedReminder> Wanted(Appointment appointment, IEnumerable<Client> clients, Instant? now = null) =>
        ReminderPlan.For(appointment, clients.ToDictionary(c => c.Id), DefaultLeadTimes, now ?? ASession.Now);

    /// <summary>The reminder rows a first save of the appointment creates.</summary>
    public static List<Reminder> Planned(Appointment appointment, IEnumerable<Client> clients, Instant? now = null) =>
        [.. ReminderPlan.Reconcile(appointment.Id, [], Wanted(appointment, clients, now))];
}
