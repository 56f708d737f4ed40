namespace Caseload.Domain.Groups;

/// <summary>
/// Whether clients the clinician marked eligible may book a seat in the group's sessions themselves, and how many
/// seats a session has. The seats are counted per session, over everyone on its invitee list (members the clinician
/// invited and clients who booked), and are a value of their own rather than the group's membership
/// <see cref="Group.Capacity"/> (docs/adr/0010-seats-are-counted-per-session.md).
/// </summary>
public sealed record SelfBooking(bool Enabled, int? Capacity)
{
    public const int MinSeats = 1;
    public const int MaxSeats = 100;

    public static readonly SelfBooking Off = new(false, null);

    public IReadOnlyList<Refusal> Validate()
    {
        if (Capacity is { } seats && seats is < MinSeats or > MaxSeats)
        {
            return [Refusal.Invalid("selfBooking.capacity", $"A session has from {MinSeats} to {MaxSeats} seats.")];
        }

        return Enabled && Capacity is null
            ? [Refusal.Invalid("selfBooking.capacity", "Say how many seats each session has before turning self-booking on.")]
            : [];
    }
}

/// <summary>
/// A client the clinician judged suitable for the group (a screening decision): they may book its sessions
/// themselves while self-booking is on. Not a member: they come to the sessions they book, nothing more.
/// </summary>
public sealed class EligibleClient
{
    private EligibleClient()
    {
    }

    internal EligibleClient(string groupId, string clientId, NodaTime.LocalDate markedOn, string markedBy)
    {
        GroupId = groupId;
        ClientId = clientId;
        MarkedOn = markedOn;
        MarkedBy = markedBy;
    }

    public string GroupId { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    public NodaTime.LocalDate MarkedOn { get; private set; }

    public string MarkedBy { get; private set; } = "";
}
