using Caseload.Domain.Clients;
using NodaTime;

namespace Caseload.Domain.Groups;

/// <summary>One stay of a client in a group. Leaving closes it; rejoining opens a new one, so history is never lost.</summary>
public sealed class Membership
{
    private Membership()
    {
    }

    internal Membership(string groupId, string clientId, LocalDate joinedOn)
    {
        Id = Guid.CreateVersion7().ToString("N");
        GroupId = groupId;
        ClientId = clientId;
        JoinedOn = joinedOn;
    }

    public string Id { get; private set; } = "";

    public string GroupId { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    public LocalDate JoinedOn { get; private set; }

    public LocalDate? LeftOn { get; private set; }

    public bool IsCurrent => LeftOn is null;

    internal void Leave(LocalDate today) => LeftOn = today;
}

/// <summary>A therapy group run by one clinician for clients on that clinician's caseload.</summary>
/// <remarks>
/// Membership changes never reach appointments already scheduled: each appointment keeps the
/// roster it was saved with (rule 3), because attendance, notes and invoices were made for those people.
/// </remarks>
public sealed class Group
{
    private readonly List<Membership> _memberships = [];

    private readonly List<EligibleClient> _eligible = [];

    private Group()
    {
    }

    public string Id { get; private set; } = "";

    public string ClinicianId { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string ServiceCode { get; private set; } = Billing.ServiceCode.GroupPsychotherapy;

    public int? Capacity { get; private set; }

    /// <summary>
    /// What clients see the group called, in the portal and in their calendar files; null for the neutral
    /// <see cref="NeutralClientTitle"/>. The group's own name is for staff and may say what a client should not
    /// read about themselves or others ("DBT skills — court-ordered").
    /// </summary>
    public string? ClientTitle { get; private set; }

    /// <summary>The title a client sees of a group that has no client title of its own.</summary>
    public const string NeutralClientTitle = "Group session";

    public bool IsArchived { get; private set; }

    public IReadOnlyList<Membership> Memberships => _memberships;

    /// <summary>Whether eligible clients may book seats in its sessions themselves, and how many seats a session has.</summary>
    public SelfBooking SelfBooking { get; private set; } = SelfBooking.Off;

    /// <summary>The clients the clinician marked as suitable to book its sessions themselves.</summary>
    public IReadOnlyList<EligibleClient> Eligible => _eligible;

    public IEnumerable<Membership> CurrentMembers => _memberships.Where(m => m.IsCurrent);

    public static (Group? Group, Outcome Outcome) Create(string clinicianId, string name, string serviceCode, int? capacity, string? clientTitle = null)
    {
        var group = new Group { Id = Guid.CreateVersion7().ToString("N"), ClinicianId = clinicianId };
        var outcome = group.Change(name, serviceCode, capacity, clientTitle);
        return outcome.Succeeded ? (group, outcome) : (null, outcome);
    }

    /// <param name="serviceCode">Must be a code of the practice's catalogue; the caller checks that.</param>
    /// <param name="clientTitle">What clients see it called; blank for the neutral title.</param>
    public Outcome Change(string name, string serviceCode, int? capacity, string? clientTitle = null)
    {
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > TextLimits.GroupName)
        {
            refusals.Add(Refusal.Invalid("name", $"Enter the group's name (at most {TextLimits.GroupName} characters)."));
        }

        if (string.IsNullOrWhiteSpace(serviceCode))
        {
            refusals.Add(Refusal.Invalid("serviceCode", "Choose the group's default service code."));
        }

        if (capacity is < 2 or > 100)
        {
            refusals.Add(Refusal.Invalid("capacity", "Capacity must be from 2 to 100, or left empty."));
        }
        else if (capacity is { } cap && CurrentMembers.Count() > cap)
        {
            refusals.Add(Refusal.Invalid("capacity", $"The group already has {CurrentMembers.Count()} members."));
        }

        if (TextLimits.Check(clientTitle, TextLimits.ClientTitle, "clientTitle") is { } longTitle)
        {
            refusals.Add(longTitle);
        }

        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        Name = name.Trim();
        ServiceCode = serviceCode;
        Capacity = capacity;
        ClientTitle = string.IsNullOrWhiteSpace(clientTitle) ? null : clientTitle.Trim();
        return Outcome.Done;
    }

    /// <summary>Rule 1: a group holds only active clients of the clinician who runs it.</summary>
    public Outcome AddMember(Client client, LocalDate today)
    {
        if (client.ClinicianId != ClinicianId)
        {
            return new Refusal(RefusalCodes.ClientNotYours,
                "That client is on another clinician's caseload. A group can only hold its own clinician's clients.", "clientId");
        }

        if (IsArchived)
        {
            return new Refusal(RefusalCodes.GroupArchived, $"{Name} is archived: restore it before adding members.");
        }

        if (!client.IsActive)
        {
            return new Refusal(RefusalCodes.ClientDischarged, $"{client.FullName} is discharged and cannot join a group.", "clientId");
        }

        if (CurrentMembers.Any(m => m.ClientId == client.Id))
        {
            return new Refusal(RefusalCodes.AlreadyMember, $"{client.FullName} is already in {Name}.", "clientId");
        }

        if (Capacity is { } capacity && CurrentMembers.Count() >= capacity)
        {
            return new Refusal(RefusalCodes.GroupFull, $"{Name} is full ({capacity} members). Raise its capacity first.");
        }

        _memberships.Add(new Membership(Id, client.Id, today));
        return Outcome.Done;
    }

    /// <summary>The client leaves today; the stay stays in the history.</summary>
    public Outcome RemoveMember(string clientId, LocalDate today)
    {
        var membership = CurrentMembers.FirstOrDefault(m => m.ClientId == clientId);
        if (membership is null)
        {
            return new Refusal(RefusalCodes.NotAMember, "That client is not a current member of this group.", "clientId");
        }

        membership.Leave(today);
        return Outcome.Done;
    }

    public Outcome ChangeSelfBooking(SelfBooking selfBooking)
    {
        var refusals = selfBooking.Validate();
        if (refusals.Count > 0)
        {
            return new Outcome(refusals);
        }

        SelfBooking = selfBooking;
        return Outcome.Done;
    }

    /// <summary>
    /// Rule 1 holds for self-booking as for membership: only the group clinician's own active clients may be marked
    /// eligible, since booking a seat makes them part of that clinician's sessions.
    /// </summary>
    public Outcome MarkEligible(Client client, LocalDate today, string by)
    {
        if (client.ClinicianId != ClinicianId)
        {
            return new Refusal(RefusalCodes.ClientNotYours,
                "That client is on another clinician's caseload. Only the group's own clinician's clients can book its sessions.", "clientId");
        }

        if (IsArchived)
        {
            return new Refusal(RefusalCodes.GroupArchived, $"{Name} is archived: restore it first.");
        }

        if (!client.IsActive)
        {
            return new Refusal(RefusalCodes.ClientDischarged, $"{client.FullName} is discharged and cannot book sessions.", "clientId");
        }

        if (_eligible.Any(e => e.ClientId == client.Id))
        {
            return new Refusal(RefusalCodes.AlreadyEligible, $"{client.FullName} may already book {Name}.", "clientId");
        }

        _eligible.Add(new EligibleClient(Id, client.Id, today, by));
        return Outcome.Done;
    }

    /// <summary>The client may no longer book; seats already booked stay booked.</summary>
    public Outcome UnmarkEligible(string clientId)
    {
        var eligible = _eligible.FirstOrDefault(e => e.ClientId == clientId);
        if (eligible is null)
        {
            return new Refusal(RefusalCodes.NotEligible, "That client is not marked as eligible to book this group.", "clientId");
        }

        _eligible.Remove(eligible);
        return Outcome.Done;
    }

    public bool IsEligible(string clientId) => _eligible.Any(e => e.ClientId == clientId);

    public void Archive() => IsArchived = true;

    public void Restore() => IsArchived = false;
}
