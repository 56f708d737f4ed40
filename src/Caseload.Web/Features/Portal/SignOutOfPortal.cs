using Caseload.Web.Auth;

namespace Caseload.Web.Features.Portal;

/// <summary>A client signs out: this session ends (its token and cookie stop working); their other sessions stay.</summary>
public sealed class SignOutOfPortal(CurrentClient current, PortalSessions sessions, AuditTrail audit)
{
    public async Task HandleAsync(CancellationToken ct)
    {
        await sessions.EndAsync(current.SessionId, ct);
        await audit.RecordAsync(AuditActions.SignOut, AuditEntities.Client, current.ClientId, current.ClientId, ct, detail: "client portal");
    }
}
