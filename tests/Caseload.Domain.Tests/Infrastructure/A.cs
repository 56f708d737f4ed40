using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using NodaTime;

namespace Caseload.Domain.Tests.Infrastructure;

/// <summary>Test data that reads as the sentence it stands for: <c>A.Client().Of(Morgan).Build()</c>.</summary>
public static class A
{
    /// <summary>Tuesday 1 December 2026, the practice's "today" in every domain test.</summary>
    public static readonly LocalDate Today = new(2026, 12, 1);

    public const string Morgan = "clinician-morgan";
    public const string Riley = "clinician-riley";

    public static ClientBuilder Client() => new();

    public static GroupBuilder Group() => new();

    /// <summary>Details that pass every check; tests change the one field they are about.</summary>
    public static ClientDetails ValidDetails() => new(
        "Ada", "Lovelace", new LocalDate(1985, 4, 12), "ada@example.com", "+1 555 010 2040",
        new ReminderPreferences(Email: false, Text: false), BillingSettings.SelfPay(), MissedSessionFee: null);
}

public sealed class ClientBuilder
{
    private string _clinicianId = A.Morgan;
    private ClientDetails _details = A.ValidDetails();
    private bool _discharged;

    public ClientBuilder Of(string clinicianId)
    {
        _clinicianId = clinicianId;
        return this;
    }

    public ClientBuilder Named(string firstName, string lastName)
    {
        _details = _details with { FirstName = firstName, LastName = lastName };
        return this;
    }

    public ClientBuilder Discharged()
    {
        _discharged = true;
        return this;
    }

    public Client Build()
    {
        var (client, outcome) = Client.Create(_clinicianId, _details, A.Today);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Refusals.Select(r => r.Message)));
        if (_discharged)
        {
            Assert.True(client!.Discharge(A.Today).Succeeded);
        }

        return client!;
    }
}

public sealed class GroupBuilder
{
    private string _clinicianId = A.Morgan;
    private int? _capacity;
    private readonly List<Client> _members = [];

    public GroupBuilder Of(string clinicianId)
    {
        _clinicianId = clinicianId;
        return this;
    }

    public GroupBuilder WithCapacity(int capacity)
    {
        _capacity = capacity;
        return this;
    }

    public GroupBuilder With(params Client[] members)
    {
        _members.AddRange(members);
        return this;
    }

    public Group Build()
    {
        var (group, outcome) = Group.Create(_clinicianId, "Tuesday anxiety group", "90853", _capacity);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Refusals.Select(r => r.Message)));
        foreach (var member in _members)
        {
            Assert.True(group!.AddMember(member, A.Today).Succeeded);
        }

        return group!;
    }
}
