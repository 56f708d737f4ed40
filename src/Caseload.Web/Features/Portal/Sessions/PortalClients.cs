using Caseload.Domain.Groups;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Portal.Sessions;

/// <summary>The client acting in the portal, as the practice's records name them.</summary>
[FeatureApi]
public sealed record PortalClient(string Id, string FirstName, string LastName, string? Email)
{
    public string FullName => $"{FirstName} {LastName}";

    /// <summary>
    /// Who the audit trail says acted. The trail's actors are staff accounts; a client's entries carry
    /// <c>client:{id}</c> as the user id and the client's name marked "(client)", so no entry of theirs can be read
    /// as a staff member's.
    /// </summary>
    public AuditActor Actor => AuditActor.Client(Id, FullName);

    /// <summary>Who an appointment's history says made a change: the client, through the portal.</summary>
    public string Author => FullName + " (client portal)";
}

/// <summary>
/// What the portal's use cases share: the client they act for, and what a client may be told about a session — its
/// client-facing title, never the group's internal name.
/// </summary>
[FeatureApi]
public sealed class PortalClients(CaseloadDbContext db)
{
    public const string IndividualTitle = "Individual session";

    public Task<PortalClient?> FindAsync(string clientId, CancellationToken ct) =>
        db.Clients.AsNoTracking().Where(c => c.Id == clientId)
            .Select(c => new PortalClient(c.Id, c.FirstName, c.LastName, c.Email)).FirstOrDefaultAsync(ct);

    /// <summary>The appointments the client is on, or was taken off (so a seat they gave up still shows, cancelled).</summary>
    public IQueryable<Appointment> AppointmentsOf(string clientId)
    {
        var invited = db.Set<Invitee>().Where(i => i.ClientId == clientId).Select(i => i.AppointmentId);
        var uninvited = db.Set<Uninvitation>().Where(u => u.ClientId == clientId).Select(u => u.AppointmentId);
        return db.Appointments.AsNoTracking().Where(a => invited.Contains(a.Id) || uninvited.Contains(a.Id));
    }

    /// <summary>What a client sees a session called: the group's client title, else a neutral one.</summary>
    public static string TitleOf(AppointmentKind kind, string? groupClientTitle) =>
        kind == AppointmentKind.Individual ? IndividualTitle : groupClientTitle ?? Group.NeutralClientTitle;

    /// <summary>The client's own state on a session: cancelled when the session is, or when they are no longer on it.</summary>
    public static MySessionStatus StatusOf(AppointmentStatus appointment, InviteeStatus? invitee) => (appointment, invitee) switch
    {
        (AppointmentStatus.Cancelled, _) or (_, null) => MySessionStatus.Cancelled,
        (_, InviteeStatus.Attended) => MySessionStatus.Attended,
        (_, InviteeStatus.Missed) => MySessionStatus.Missed,
        _ => MySessionStatus.Booked,
    };
}
