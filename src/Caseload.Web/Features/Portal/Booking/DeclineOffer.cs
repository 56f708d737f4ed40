using Caseload.Domain;
using Caseload.Web.Features.Portal.Sessions;

namespace Caseload.Web.Features.Portal.Booking;

public sealed record DeclineOfferCommand(string ClientId, string EntryId);

/// <summary>The client does not want the seat held for them: it passes to the next in line at once, and their place ends.</summary>
[FeatureApi]
public sealed class DeclineOffer(PortalClients clients, Waitlists waitlists)
{
    public async Task<Outcome> HandleAsync(DeclineOfferCommand command, CancellationToken ct)
    {
        var client = await clients.FindAsync(command.ClientId, ct);
        return client is null
            ? Refusal.NotFound("No such waitlist entry.")
            : await waitlists.EndPlaceAsync(command.EntryId, client.Id, "declined the seat offered from the waitlist", client.Actor,
                onlyAnOffer: true, ct);
    }
}
