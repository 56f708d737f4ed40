namespace Caseload.Domain.Scheduling;

/// <summary>How a self-booking session looks to a client: never a count, never who.</summary>
public enum SeatState
{
    Available,
    Few,
    Full,
}

/// <summary>
/// The seats of one self-booking session. A seat is taken by an invitee (unless marked missed: a client who cancelled
/// late keeps the missed mark and its fee, not the seat) or held by an offer made from the waitlist until it is
/// accepted, declined or passed on; a held seat is never bookable by anyone else, so a seat is never given twice. Seats nobody holds go to the waitlist first, in its order: a client
/// not in line books only what is left after everyone waiting has been offered a seat.
/// </summary>
/// <param name="Capacity">The seats of the session, from the group's self-booking.</param>
/// <param name="Invitees">Everyone on the invitee list not marked missed.</param>
/// <param name="Offers">Seats held by an offer, open or lapsed but not yet passed on.</param>
/// <param name="Waiting">Clients in line without an offer, while offers can still be made for the session.</param>
public readonly record struct Seats(int Capacity, int Invitees, int Offers, int Waiting)
{
    /// <summary>At most this many seats left reads as "few".</summary>
    public const int FewLeft = 2;

    /// <summary>Seats no invitee or offer holds.</summary>
    public int Free => Math.Max(0, Capacity - Invitees - Offers);

    /// <summary>Seats a client not in line may book.</summary>
    public int OpenToAll => Math.Max(0, Free - Waiting);

    /// <summary>How many clients in line should be offered a seat now.</summary>
    public int ToOffer => Math.Min(Free, Waiting);

    /// <summary>The seats of a session as they stand: its invitees, and its waitlist's offers and clients still waiting.</summary>
    public static Seats Of(int capacity, Appointment appointment, IReadOnlyCollection<WaitlistEntry> line, Practices.PortalPolicy policy, NodaTime.Instant now) =>
        new(capacity, appointment.Invitees.Count(i => i.Status != InviteeStatus.Missed), line.Count(e => e.HasOffer),
            policy.OfferExpiresAt(now, appointment.StartsAt) > now ? line.Count(e => !e.HasOffer) : 0);

    public SeatState State => OpenToAll == 0 ? SeatState.Full : OpenToAll <= FewLeft ? SeatState.Few : SeatState.Available;
}
