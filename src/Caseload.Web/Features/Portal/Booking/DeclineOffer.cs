using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Portal.Booking;

public sealed record DeclineOfferCommand(string ClientId, string EntryId);

/// <summary>The client does not want the seat held for them: it passes to the next in line at once, and their place ends.</summary>
[FeatureApi]
public sealed class DeclineOffer(CaseloadDbContext db, Waitlists waitlists)
{
    public async Task<Outcome> HandleAsync(DeclineOfferCommand command, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        return client is null
            ? Refusal.NotFound("No such waitlist entry.")
            : await waitlists.EndPlaceAsync(command.EntryId, client.Id, "declined the seat offered from the waitlist", AuditActor.Client(client.Id, client.FullName),
                onlyAnOffer: true, ct);
    }
}
