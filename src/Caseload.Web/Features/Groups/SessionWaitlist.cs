using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Portal.Booking;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Groups;

/// <summary>One client in a session's line as staff see it: by name where the asker may see the client.</summary>
[FeatureApi]
public sealed record WaitlistLine(string Id, string ClientId, string Name, int Position, Instant JoinedAt, Instant? OfferExpiresAt, bool OfferLapsed);

/// <summary>A session's waitlist for staff: the line in order, any seat held by an offer, and how the seats stand.</summary>
[FeatureApi]
public sealed record WaitlistView(string AppointmentId, bool SelfBooking, int? Capacity, int Invitees, IReadOnlyList<WaitlistLine> Entries);

/// <summary>The waitlist of one appointment the asker may see (caseload rules); each client shown is a read of their data.</summary>
[FeatureApi]
public sealed class SessionWaitlist(CaseloadDbContext db, Caseloads caseloads, AuditTrail audit, Clock clock)
{
    public async Task<Outcome<WaitlistView>> ReadAsync(string appointmentId, CancellationToken ct)
    {
        var session = await (await caseloads.AppointmentsAsync(ct)).AsNoTracking().Where(a => a.Id == appointmentId)
            .Select(a => new { a.Id, a.GroupId, Invitees = db.Set<Invitee>().Count(i => i.AppointmentId == a.Id && i.Status != InviteeStatus.Missed) }).FirstOrDefaultAsync(ct);
        if (session is null)
        {
            return Refusal.NotFound("No such appointment.");
        }

        var group = session.GroupId is null ? null : await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == session.GroupId, ct);
        var line = await db.Set<WaitlistEntry>().AsNoTracking().Where(e => e.AppointmentId == appointmentId)
            .OrderBy(e => e.Position).ThenBy(e => e.JoinedAt).ToListAsync(ct);
        var ids = line.Select(e => e.ClientId).ToList();
        var names = await (await caseloads.ClientsAsync(ct)).AsNoTracking().Where(c => ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.LastName + ", " + c.FirstName, ct);
        var now = clock.Now;
        var entries = line.Select((e, i) => new WaitlistLine(e.Id, e.ClientId, names.GetValueOrDefault(e.ClientId, "A client of another clinician"),
            i + 1, e.JoinedAt, e.OfferExpiresAt, e.HasOffer && !e.OfferOpen(now))).ToList();
        if (entries.Count > 0)
        {
            await audit.ReadAsync(AuditEntities.Appointment, appointmentId, names.Keys.Select(c => (string?)c), ct, "waitlist");
        }

        return new WaitlistView(session.Id, group?.SelfBooking.Enabled ?? false, group?.SelfBooking.Capacity, session.Invitees, entries);
    }
}

/// <summary>What the waitlist list needs to show itself, on its own page or on the appointment's.</summary>
/// <param name="Back">"appointment" when a change should return to the appointment's page.</param>
[FeatureApi]
public sealed record WaitlistPanel(WaitlistView Waitlist, bool MayEdit, PageDates Dates, DateTimeZone Zone, string? Back);
