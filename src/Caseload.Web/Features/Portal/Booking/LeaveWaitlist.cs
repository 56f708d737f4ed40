using Caseload.Domain;
using Caseload.Web.Features.Portal.Sessions;

namespace Caseload.Web.Features.Portal.Booking;

public sealed record LeaveWaitlistCommand(string ClientId, string EntryId);

/// <summary>The client leaves a session's line; a seat held for them passes to the next.</summary>
[FeatureApi]
public sealed class LeaveWaitlist(PortalClients clients, Waitlists waitlists)
{
    public async Task<Outcome> HandleAsync(LeaveWaitlistCommand command, CancellationToken ct)
    {
        var client = await clients.FindAsync(command.ClientId, ct);
        return client is null
            ? Refusal.NotFound("No such waitlist entry.")
            : await waitlists.EndPlaceAsync(command.EntryId, client.Id, "left the waitlist through the client portal", client.Actor,
                onlyAnOffer: false, ct);
    }
}
