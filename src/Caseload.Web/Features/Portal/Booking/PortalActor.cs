using Caseload.Domain.Clients;
using Caseload.Web.Auth;

namespace Caseload.Web.Features.Portal.Booking;

/// <summary>Who the audit trail names when a client acts through the portal: the client, never a staff user.</summary>
public static class PortalActor
{
    public static AuditActor Of(Client client) => new("client:" + client.Id, client.FullName + " (client portal)");

    /// <summary>The client by id alone, for a read that loads nothing else of theirs.</summary>
    public static AuditActor Of(string clientId) => new("client:" + clientId, "client portal");
}
