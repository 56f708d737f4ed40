using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Portal.Booking;

/// <summary>A session a client may book, as they see it: when, and whether seats are available, few or full.</summary>
public sealed record OpenSession(string AppointmentId, Instant Start, SeatState Seats);

/// <summary>A group a client may book, under its client-facing title, with its next sessions.</summary>
public sealed record Opening(string GroupId, string Title, IReadOnlyList<OpenSession> Sessions);

/// <summary>
/// The groups a client may book and their next sessions. A session shows only how its seats stand: never how many
/// are taken, never by whom. Sessions the client already has a seat in are in their own list, not here.
/// </summary>
[FeatureApi]
public sealed class Openings(CaseloadDbContext db, SessionSeats seats, AuditTrail audit, Clock clock)
{
    /// <summary>How far ahead sessions are offered.</summary>
    public static readonly Duration Ahead = Duration.FromDays(56);

    public async Task<IReadOnlyList<Opening>> ForClientAsync(string clientId, CancellationToken ct)
    {
        var now = clock.Now;
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is not { IsActive: true })
        {
            return [];
        }

        var groups = await db.Groups.AsNoTracking()
            .Where(g => g.SelfBooking.Enabled && !g.IsArchived && g.ClinicianId == client.ClinicianId && g.Eligible.Any(e => e.ClientId == clientId))
            .ToListAsync(ct);
        var groupIds = groups.Select(g => g.Id).ToList();
        var until = now + Ahead;
        var sessions = await db.Appointments.AsNoTracking()
            .Where(a => a.GroupId != null && groupIds.Contains(a.GroupId) && a.Status == AppointmentStatus.Scheduled
                && a.StartsAt > now && a.StartsAt < until && !a.Invitees.Any(i => i.ClientId == clientId))
            .OrderBy(a => a.StartsAt)
            .Select(a => new { a.Id, GroupId = a.GroupId!, a.StartsAt })
            .ToListAsync(ct);
        var counted = await seats.CountAsync([.. sessions.Select(s => s.Id)], ct);
        await audit.RecordAsync([new AuditEvent(AuditActions.Read, AuditEntities.Client, clientId, clientId, "own group openings")], ct,
            AuditActor.Client(client.Id, client.FullName));
        return [.. groups
            .Select(g => new Opening(g.Id, ClientTitles.ClientFacingTitle(g),
                [.. sessions.Where(s => s.GroupId == g.Id).Select(s => new OpenSession(s.Id, s.StartsAt, counted[s.Id].State))]))
            .OrderBy(o => o.Sessions.Count == 0 ? Instant.MaxValue : o.Sessions[0].Start)
            .ThenBy(o => o.Title, StringComparer.CurrentCulture)];
    }
}
