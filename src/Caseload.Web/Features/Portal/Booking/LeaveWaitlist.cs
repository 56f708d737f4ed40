using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Portal.Booking;

public sealed record LeaveWaitlistCommand(string ClientId, string EntryId);

/// <summary>The client leaves a session's line; a seat held for them passes to the next.</summary>
[FeatureApi]
public sealed class LeaveWaitlist(CaseloadDbContext db, Waitlists waitlists)
{
    public async Task<Outcome> HandleAsync(LeaveWaitlistCommand command, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        return client is null
            ? Refusal.NotFound("No such waitlist entry.")
            : await waitlists.EndPlaceAsync(command.EntryId, client.Id, "left the waitlist through the client portal", AuditActor.Client(client.Id, client.FullName),
                onlyAnOffer: false, ct);
    }
}
