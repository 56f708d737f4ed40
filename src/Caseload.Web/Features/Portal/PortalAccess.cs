using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Portal;

/// <summary>What staff see of a client's portal access: not invited, invited (when, to which email, by whom), withdrawn, last signed in.</summary>
[FeatureApi]
public sealed record PortalAccessView(bool Invited, bool Withdrawn, Instant? InvitedAt, string? InvitedEmail, string? InvitedBy, Instant? LastSignedInAt)
{
    public static readonly PortalAccessView NotInvited = new(false, false, null, null, null, null);
}

/// <summary>Reads a client's portal access for their page; the page has already found the client in the asker's caseload.</summary>
[FeatureApi]
public sealed class PortalAccess(CaseloadDbContext db)
{
    public async Task<PortalAccessView> ForClientAsync(string clientId, CancellationToken ct) =>
        await db.PortalAccounts.AsNoTracking().Where(a => a.ClientId == clientId)
            .Select(a => new PortalAccessView(true, a.RevokedAt != null, a.InvitedAt, a.InvitedEmail, a.InvitedByName, a.LastSignedInAt))
            .FirstOrDefaultAsync(ct) ?? PortalAccessView.NotInvited;
}
