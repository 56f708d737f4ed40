using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Portal.Sessions;

/// <summary>The client's own state on a session, as the portal says it.</summary>
public enum MySessionStatus
{
    Booked,
    Attended,
    Missed,
    Cancelled,
}

/// <summary>
/// One session as its client sees it: when, where, what kind, its client-facing title and their own state on it.
/// Nothing about anyone else: no other client's name or id, no count of invitees, no group name, no service code.
/// </summary>
/// <param name="CanCancel">Whether the client may still cancel it themselves (a future session they are booked on).</param>
public sealed record MySession(
    string Id, Instant StartsAt, Instant EndsAt, LocalDate Date, string? Location, AppointmentKind Kind, string Title, MySessionStatus Status,
    bool CanCancel);

/// <summary>The client's upcoming sessions, soonest first, and their past ones, latest first, with the zone their times are shown in.</summary>
public sealed record MySessionList(DateTimeZone Zone, IReadOnlyList<MySession> Upcoming, IReadOnlyList<MySession> Past);

/// <summary>
/// The client's own appointments: those ending within the last <see cref="PastDays"/> days and those starting within
/// the next <see cref="AheadDays"/>, group and individual alike, including sessions they cancelled.
/// </summary>
public sealed class MySessions(CaseloadDbContext db, PortalClients clients, AuditTrail audit, Clock clock)
{
    public const int PastDays = 90;
    public const int AheadDays = 365;

    private sealed record Row(
        string Id, AppointmentKind Kind, Instant StartsAt, Instant EndsAt, LocalDate Date, string? Location, AppointmentStatus Status,
        string? ClientTitle, InviteeStatus? Invitee);

    public async Task<Outcome<MySessionList>> HandleAsync(string clientId, CancellationToken ct)
    {
        if (await clients.FindAsync(clientId, ct) is not { } client)
        {
            return Refusal.NotFound("No such client.");
        }

        var now = clock.Now;
        var (from, until) = (now - Duration.FromDays(PastDays), now + Duration.FromDays(AheadDays));
        var rows = await clients.AppointmentsOf(clientId)
            .Where(a => a.EndsAt > from && a.StartsAt < until)
            .Select(a => new Row(a.Id, a.Kind, a.StartsAt, a.EndsAt, a.Date, a.Location, a.Status,
                db.Groups.Where(g => g.Id == a.GroupId).Select(g => g.ClientTitle).FirstOrDefault(),
                a.Invitees.Where(i => i.ClientId == clientId).Select(i => (InviteeStatus?)i.Status).FirstOrDefault()))
            .ToListAsync(ct);
        var sessions = rows.Select(r => new MySession(r.Id, r.StartsAt, r.EndsAt, r.Date, r.Location, r.Kind,
            PortalClients.TitleOf(r.Kind, r.ClientTitle), PortalClients.StatusOf(r.Status, r.Invitee),
            ClientCancellation.Refuses(r.Status, r.Invitee, r.StartsAt, now) is null)).ToList();

        await audit.RecordAsync(
            [new AuditEvent(AuditActions.Read, AuditEntities.Appointment, "portal:sessions", clientId, $"own sessions: {sessions.Count} shown")],
            ct, client.Actor);
        var zone = (await db.PracticeAsync(ct)).Zone;
        return new MySessionList(zone,
            [.. sessions.Where(s => s.EndsAt > now).OrderBy(s => s.StartsAt)],
            [.. sessions.Where(s => s.EndsAt <= now).OrderByDescending(s => s.StartsAt)]);
    }
}
