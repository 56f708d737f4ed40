using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Portal.Booking;

/// <summary>
/// Moves the waitlists of self-booking sessions along: a freed seat is offered to the first in line and held for
/// them; a declined, lapsed or abandoned offer passes to the next. A seat held by an offer counts as taken, so it is
/// never offered to two clients at once nor booked by anyone else meanwhile.
/// </summary>
[FeatureApi]
public sealed class Waitlists(CaseloadDbContext db, SessionSeats sessions, AuditTrail audit, Clock clock)
{
    /// <summary>The background work names itself in the audit trail.</summary>
    public static readonly AuditActor Worker = new("system:waitlist", "Caseload (waitlist)");

    /// <summary>
    /// A seat of this session may have freed (an invitee removed or cancelled, seats added): the first in line are
    /// offered what nobody holds. The one call every path that frees a seat makes; returns how many were offered.
    /// Joins the caller's transaction when one is open, else commits its own.
    /// </summary>
    public async Task<int> SeatFreedAsync(string appointmentId, CancellationToken ct) =>
        await InTransactionAsync(() => OfferFreeSeatsAsync(appointmentId, actor: null, ct), ct);

    /// <summary>
    /// Ends one place in line (left, declined, removed by staff); a seat it held passes to the next. Joins the caller's
    /// transaction when one is open.
    /// </summary>
    /// <param name="clientId">Only the entry of this client, when a client asks; null when staff ask.</param>
    /// <param name="why">What the audit trail says happened.</param>
    /// <param name="onlyAnOffer">Refuse unless the entry holds an open offer (declining one).</param>
    public async Task<Outcome> EndPlaceAsync(string entryId, string? clientId, string why, AuditActor? actor, bool onlyAnOffer, CancellationToken ct)
    {
        var appointmentId = await db.Set<WaitlistEntry>().AsNoTracking()
            .Where(e => e.Id == entryId && (clientId == null || e.ClientId == clientId)).Select(e => e.AppointmentId).FirstOrDefaultAsync(ct);
        if (appointmentId is null)
        {
            return Refusal.NotFound("No such waitlist entry.");
        }

        return await InTransactionAsync<Outcome>(async () =>
        {
            var session = await sessions.LockAsync(appointmentId, ct);
            var entry = session?.Line.FirstOrDefault(e => e.Id == entryId);
            if (session is null || entry is null)
            {
                return Refusal.NotFound("No such waitlist entry.");
            }

            if (onlyAnOffer && !entry.OfferOpen(session.Now))
            {
                return new Refusal(RefusalCodes.NoOpenOffer, "No seat is held for you in this session now.");
            }

            db.Remove(entry);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync([new AuditEvent(AuditActions.Change, AuditEntities.Appointment, appointmentId, entry.ClientId, why)], ct, actor);
            if (entry.HasOffer)
            {
                await OfferFreeSeatsAsync(appointmentId, actor, ct);
            }

            return Outcome.Done;
        }, ct);
    }

    /// <summary>The client may no longer book the group: their places in its sessions' lines end, and seats held for them pass on.</summary>
    public async Task LeaveGroupAsync(string groupId, string clientId, CancellationToken ct)
    {
        var entries = await db.Set<WaitlistEntry>().AsNoTracking()
            .Where(e => e.ClientId == clientId && db.Appointments.Any(a => a.Id == e.AppointmentId && a.GroupId == groupId))
            .Select(e => e.Id).ToListAsync(ct);
        foreach (var entry in entries)
        {
            await EndPlaceAsync(entry, clientId, "left the waitlist: no longer eligible to book the group", actor: null, onlyAnOffer: false, ct);
        }
    }

    /// <summary>
    /// The worker's pass: offers whose time ran out pass to the next in line, and lines of sessions that started or
    /// were cancelled are cleared. Returns how many offers lapsed.
    /// </summary>
    public async Task<int> PassOnLapsedOffersAsync(CancellationToken ct)
    {
        var now = clock.Now;
        var lapsed = await db.Set<WaitlistEntry>().AsNoTracking().Where(e => e.OfferExpiresAt != null && e.OfferExpiresAt <= now)
            .OrderBy(e => e.OfferExpiresAt).Select(e => e.Id).Take(200).ToListAsync(ct);
        foreach (var entryId in lapsed)
        {
            await EndPlaceAsync(entryId, clientId: null, "the seat held from the waitlist was not taken in time", Worker, onlyAnOffer: false, ct);
        }

        await db.Set<WaitlistEntry>()
            .Where(e => db.Appointments.Any(a => a.Id == e.AppointmentId && (a.StartsAt <= now || a.Status == AppointmentStatus.Cancelled)))
            .ExecuteDeleteAsync(ct);
        return lapsed.Count;
    }

    /// <param name="actor">Who the audit trail names; the one asking when null.</param>
    private async Task<int> OfferFreeSeatsAsync(string appointmentId, AuditActor? actor, CancellationToken ct)
    {
        var session = await sessions.LockAsync(appointmentId, ct);
        if (session is null || !session.Group.SelfBooking.Enabled || SeatBooking.SessionRefusal(session.Appointment, session.Now) is not null)
        {
            return 0;
        }

        var offered = Waitlist.Offer(session.Line, session.Seats, session.Now, session.OfferExpiresAt);
        if (offered.Count == 0)
        {
            return 0;
        }

        db.AppointmentEvents.Add(new AppointmentEvent(appointmentId, Worker.UserName, session.Now,
            offered.Count == 1 ? "Offered a freed seat to the first client on the waitlist." : $"Offered {offered.Count} freed seats to the waitlist."));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync([.. offered.Select(e => new AuditEvent(AuditActions.Change, AuditEntities.Appointment, appointmentId, e.ClientId,
            "offered a seat from the waitlist"))], ct, actor);
        return offered.Count;
    }

    private async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await work();
        await transaction.CommitAsync(ct);
        return result;
    }
}
