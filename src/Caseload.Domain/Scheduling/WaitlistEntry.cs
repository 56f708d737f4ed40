using NodaTime;

namespace Caseload.Domain.Scheduling;

/// <summary>
/// One client waiting for a seat in one full self-booking session, first come, first served unless staff reorder
/// the line. When a seat frees, the first in line without an offer is offered it: the seat is held for them until
/// the offer expires, and passes to the next in line if they decline or let it lapse.
/// </summary>
public sealed class WaitlistEntry
{
    private WaitlistEntry()
    {
    }

    public string Id { get; private set; } = "";

    public string AppointmentId { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    /// <summary>The place in line: lower goes first. Only the order matters; a client is told their rank.</summary>
    public int Position { get; private set; }

    public Instant JoinedAt { get; private set; }

    public Instant? OfferedAt { get; private set; }

    public Instant? OfferExpiresAt { get; private set; }

    /// <summary>
    /// When the offer email was handed to the mail server (set just before handing it over, cleared again if the
    /// server certainly did not take it): the outbox mark that keeps a restart from losing or repeating the email.
    /// </summary>
    public Instant? OfferEmailSentAt { get; private set; }

    public bool HasOffer => OfferedAt is not null;

    public bool OfferOpen(Instant now) => OfferExpiresAt is { } expires && expires > now;

    /// <summary>Joins at the end of the line.</summary>
    public static WaitlistEntry Join(string appointmentId, string clientId, int position, Instant now) => new()
    {
        Id = Guid.CreateVersion7().ToString("N"),
        AppointmentId = appointmentId,
        ClientId = clientId,
        Position = position,
        JoinedAt = now,
    };

    /// <summary>Holds a seat for this client until <paramref name="expiresAt"/>.</summary>
    public void Offer(Instant now, Instant expiresAt)
    {
        OfferedAt = now;
        OfferExpiresAt = expiresAt;
        OfferEmailSentAt = null;
    }

    public void MoveTo(int position) => Position = position;

    public void OfferEmailHandedOver(Instant at) => OfferEmailSentAt = at;

    /// <summary>The mail server certainly did not take the email: it is sent again on the next run.</summary>
    public void OfferEmailNotSent() => OfferEmailSentAt = null;
}

/// <summary>The rules of a session's waitlist that look at the whole line.</summary>
public static class Waitlist
{
    /// <summary>
    /// A client joins the line of a full session they are not already on or in, once. Joining a session with seats
    /// left makes no sense: they book it.
    /// </summary>
    public static Outcome<WaitlistEntry> Join(Appointment appointment, Seats seats, IReadOnlyList<WaitlistEntry> line, string clientId, Instant now)
    {
        if (SeatBooking.SessionRefusal(appointment, now) is { } closed)
        {
            return closed;
        }

        if (appointment.Invitees.Any(i => i.ClientId == clientId))
        {
            return new Refusal(RefusalCodes.AlreadyBooked, "You already have a seat in this session.", "appointmentId");
        }

        if (line.Any(e => e.ClientId == clientId))
        {
            return new Refusal(RefusalCodes.AlreadyWaitlisted, "You are already on the waitlist for this session.", "appointmentId");
        }

        if (seats.State != SeatState.Full)
        {
            return new Refusal(RefusalCodes.NotFull, "This session has seats left: book one instead of waiting.", "appointmentId");
        }

        var last = line.Count == 0 ? 0 : line.Max(e => e.Position);
        return WaitlistEntry.Join(appointment.Id, clientId, last + 1, now);
    }

    /// <summary>The client's place in line, counting from 1.</summary>
    public static int RankOf(IReadOnlyList<WaitlistEntry> line, string entryId) =>
        line.OrderBy(e => e.Position).ThenBy(e => e.JoinedAt).Select(e => e.Id).ToList().IndexOf(entryId) + 1;

    /// <summary>
    /// Staff put the line in a new order; the list must name every entry exactly once. Open offers stay with whoever
    /// holds them: the order decides who is offered the next seat.
    /// </summary>
    public static Outcome Reorder(IReadOnlyList<WaitlistEntry> line, IReadOnlyList<string> entryIds)
    {
        var known = line.Select(e => e.Id).ToHashSet();
        if (entryIds.Count != known.Count || entryIds.Distinct().Count() != entryIds.Count || !entryIds.All(known.Contains))
        {
            return Refusal.Invalid("ids", "List every entry of the waitlist exactly once, in the new order.");
        }

        for (var i = 0; i < entryIds.Count; i++)
        {
            line.Single(e => e.Id == entryIds[i]).MoveTo(i + 1);
        }

        return Outcome.Done;
    }

    /// <summary>
    /// Who is offered a seat now: the first in line without an offer, one per seat nobody holds, each held until the
    /// practice's policy says. None once the offer would end before it was made (too near the session).
    /// </summary>
    public static IReadOnlyList<WaitlistEntry> Offer(IReadOnlyList<WaitlistEntry> line, Seats seats, Instant now, Instant expiresAt)
    {
        if (expiresAt <= now)
        {
            return [];
        }

        var offered = line.Where(e => !e.HasOffer).OrderBy(e => e.Position).ThenBy(e => e.JoinedAt).Take(seats.ToOffer).ToList();
        offered.ForEach(e => e.Offer(now, expiresAt));
        return offered;
    }
}
