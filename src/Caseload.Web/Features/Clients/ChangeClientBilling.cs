using Caseload.Domain;
using Caseload.Domain.Clients;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Clients;

/// <param name="Unreadable">Fields the caller could not read (an unknown billing mode); refused before anything changes.</param>
/// <param name="Coverage">The claim details (payer id, policy holder, diagnoses); null leaves the client's as they are.</param>
public sealed record ChangeClientBillingCommand(
    string ClientId, BillingSettings Billing, decimal? MissedSessionFee, IReadOnlyList<Refusal> Unreadable, Domain.Insurance.Coverage? Coverage = null);

/// <summary>Billers change how a client pays without touching anything else.</summary>
public sealed class ChangeClientBilling(CaseloadDbContext db, Caseloads caseloads, AuditTrail audit, Clock clock)
{
    public async Task<Outcome<Client>> HandleAsync(ChangeClientBillingCommand command, CancellationToken ct)
    {
        var client = await (await caseloads.ClientsAsync(ct)).FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (client is null)
        {
            return Refusal.NotFound("No such client.");
        }

        var outcome = command.Unreadable.Count > 0
            ? Outcome.From([.. command.Unreadable])
            : client.ChangeBilling(command.Billing, command.MissedSessionFee, command.Coverage, await db.TodayAsync(clock, ct));
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.Change, AuditEntities.Client, client.Id, client.Id, ct, detail: "billing settings");
        return client;
    }
}
