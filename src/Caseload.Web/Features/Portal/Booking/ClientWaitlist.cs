using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Portal.Sessions;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Portal.Booking;

/// <summary>
/// One of the client's places in line: the session (when, and its client-facing title), their rank (from 1) and, while
/// a seat is held for them, until when.
/// </summary>
public sealed record WaitlistPlaceView(string Id, string AppointmentId, Instant Start, string Title, int Position, Instant? OfferExpiresAt);

/// <summary>The client's own places on waitlists of sessions still to come; nothing about anyone else in line.</summary>
[FeatureApi]
public sealed class ClientWaitlist(CaseloadDbContext db, AuditTrail audit, Clock clock)
{
    public async Task<IReadOnlyList<WaitlistPlaceView>> ForClientAsync(string clientId, CancellationToken ct)
    {
        var now = clock.Now;
        var mine = await db.Set<WaitlistEntry>().AsNoTracking()
            .Where(e => e.ClientId == clientId
                && db.Appointments.Any(a => a.Id == e.AppointmentId && a.StartsAt > now && a.Status == AppointmentStatus.Scheduled))
            .ToListAsync(ct);
        var sessionIds = mine.Select(e => e.AppointmentId).Distinct().ToList();
        var lines = (await db.Set<WaitlistEntry>().AsNoTracking().Where(e => sessionIds.Contains(e.AppointmentId)).ToListAsync(ct))
            .ToLookup(e => e.AppointmentId);
        var sessions = await db.Appointments.AsNoTracking().Where(a => sessionIds.Contains(a.Id))
            .Select(a => new { a.Id, a.StartsAt, a.Kind, ClientTitle = db.Groups.Where(g => g.Id == a.GroupId).Select(g => g.ClientTitle).FirstOrDefault() })
            .ToDictionaryAsync(a => a.Id, ct);
        if (mine.Count > 0)
        {
            var name = await db.Clients.Where(c => c.Id == clientId).Select(c => c.FirstName + " " + c.LastName).FirstAsync(ct);
            await audit.RecordAsync([new AuditEvent(AuditActions.Read, AuditEntities.Client, clientId, clientId, "own waitlist places")], ct,
                AuditActor.Client(clientId, name));
        }

        return [.. mine.OrderBy(e => sessions[e.AppointmentId].StartsAt).Select(e => new WaitlistPlaceView(
            e.Id, e.AppointmentId, sessions[e.AppointmentId].StartsAt,
            PortalClients.TitleOf(sessions[e.AppointmentId].Kind, sessions[e.AppointmentId].ClientTitle),
            Waitlist.RankOf([.. lines[e.AppointmentId]], e.Id), e.OfferOpen(now) ? e.OfferExpiresAt : null))];
    }
}
