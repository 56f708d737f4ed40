using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Portal;

/// <summary>What the portal shows a client of themselves: their name, email and practice; nothing else from the chart.</summary>
public sealed record PortalProfile(string FirstName, string LastName, string Email, string PracticeName);

/// <summary>The signed-in client's own profile (the portal's "me"); reading it is recorded with the client as the actor.</summary>
[FeatureApi]
public sealed class ReadPortalProfile(CaseloadDbContext db, CurrentClient current, KeptPractice practice, AuditTrail audit)
{
    public async Task<PortalProfile> HandleAsync(CancellationToken ct)
    {
        var clientId = current.ClientId;
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId)
            .Select(c => new { c.FirstName, c.LastName, c.Email }).SingleAsync(ct);
        await audit.ReadAsync(AuditEntities.Client, clientId, clientId, ct, detail: "client portal: own profile");
        return new PortalProfile(client.FirstName, client.LastName, client.Email ?? "", await practice.NameAsync(ct));
    }
}
