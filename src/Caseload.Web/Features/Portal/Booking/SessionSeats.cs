using Caseload.Domain.Groups;
using Caseload.Domain.Practices;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Portal.Booking;

/// <summary>A self-booking session read under its lock: the appointment, its group, its waitlist in order, and its seats now.</summary>
[FeatureApi]
public sealed record LockedSession(Appointment Appointment, Group Group, List<WaitlistEntry> Line, Practice Practice, Instant Now)
{
    public Seats Seats => Seats.Of(Group.SelfBooking.Capacity ?? 0, Appointment, Line, Practice.Portal, Now);

    /// <summary>When an offer made now would end.</summary>
    public Instant OfferExpiresAt => Practice.Portal.OfferExpiresAt(Now, Appointment.StartsAt);
}

/// <summary>
/// The seats of self-booking sessions. Every change of who holds a seat (a booking, an offer made, accepted, declined
/// or passed on) first locks the session, in the caller's transaction, and then reads it: such changes of one session
/// therefore happen one after another on every database and every app instance, so the capacity holds whatever
/// arrives at once. PostgreSQL locks the appointment's row (<c>FOR UPDATE</c>); SQLite's transactions
/// (<c>BEGIN IMMEDIATE</c>) already let one writer in at a time.
/// </summary>
[FeatureApi]
public sealed class SessionSeats(CaseloadDbContext db, Clock clock)
{
    /// <summary>Locks and reads a group session; null when there is no such appointment or it is not a group's.</summary>
    public async Task<LockedSession?> LockAsync(string appointmentId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A session is locked inside the transaction that changes its seats.");
        }

        // What this context read before (in an earlier transaction of the same scope) may be stale: the session is read afresh.
        if (db.ChangeTracker.HasChanges())
        {
            throw new InvalidOperationException("Save the changes before locking a session: its seats are read afresh.");
        }

        db.ChangeTracker.Clear();

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Appointments\" WHERE \"Id\" = {appointmentId} FOR UPDATE", ct);
        }

        var appointment = await db.Appointments.Include(a => a.Invitees).FirstOrDefaultAsync(a => a.Id == appointmentId, ct);
        if (appointment?.GroupId is not { } groupId)
        {
            return null;
        }

        var group = await db.Groups.Include(g => g.Eligible).SingleAsync(g => g.Id == groupId, ct);
        var line = await db.Set<WaitlistEntry>().Where(e => e.AppointmentId == appointmentId)
            .OrderBy(e => e.Position).ThenBy(e => e.JoinedAt).ToListAsync(ct);
        return new LockedSession(appointment, group, line, await db.PracticeAsync(ct), clock.Now);
    }

    /// <summary>The seats of several sessions as they stand, read without a lock (for showing them, never for giving one).</summary>
    public async Task<IReadOnlyDictionary<string, Seats>> CountAsync(IReadOnlyCollection<string> appointmentIds, CancellationToken ct)
    {
        if (appointmentIds.Count == 0)
        {
            return new Dictionary<string, Seats>();
        }

        var practice = await db.PracticeAsync(ct);
        var now = clock.Now;
        var sessions = await db.Appointments.AsNoTracking().Where(a => appointmentIds.Contains(a.Id) && a.GroupId != null)
            .Select(a => new { a.Id, GroupId = a.GroupId!, a.StartsAt, Invitees = db.Set<Invitee>().Count(i => i.AppointmentId == a.Id && i.Status != InviteeStatus.Missed) }).ToListAsync(ct);
        var groupIds = sessions.Select(s => s.GroupId).Distinct().ToList();
        var capacities = (await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToListAsync(ct))
            .ToDictionary(g => g.Id, g => g.SelfBooking.Capacity ?? 0);
        var lines = (await db.Set<WaitlistEntry>().AsNoTracking().Where(e => appointmentIds.Contains(e.AppointmentId))
            .Select(e => new { e.AppointmentId, Offered = e.OfferedAt != null }).ToListAsync(ct)).ToLookup(e => e.AppointmentId);
        return sessions.ToDictionary(s => s.Id, s => new Seats(
            capacities[s.GroupId],
            s.Invitees,
            lines[s.Id].Count(e => e.Offered),
            practice.Portal.OfferExpiresAt(now, s.StartsAt) > now ? lines[s.Id].Count(e => !e.Offered) : 0));
    }
}
