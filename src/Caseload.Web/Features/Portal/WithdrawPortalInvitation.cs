using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Portal;

[FeatureApi]
public sealed record WithdrawPortalInvitationCommand(string ClientId);

/// <summary>Staff withdraw a client's portal invitation: the client's sessions end at once and no code is sent until they invite again.</summary>
[FeatureApi]
public sealed class WithdrawPortalInvitation(CaseloadDbContext db, Caseloads caseloads, CurrentStaff staff, PortalSessions sessions, AuditTrail audit, Clock clock)
{
    public async Task<Outcome> HandleAsync(WithdrawPortalInvitationCommand command, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.Schedules))
        {
            return Refusal.Forbidden("Only staff who work with clients' care withdraw portal invitations.");
        }

        if (!await (await caseloads.ClientsAsync(ct)).AnyAsync(c => c.Id == command.ClientId, ct)
            || await db.PortalAccounts.FirstOrDefaultAsync(a => a.ClientId == command.ClientId, ct) is not { IsRevoked: false } account)
        {
            return Refusal.NotFound("This client has no portal invitation.");
        }

        account.Revoke(clock.Now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await sessions.EndAllAsync(command.ClientId, ct);
        await audit.RecordAsync(AuditActions.Change, AuditEntities.Client, command.ClientId, command.ClientId, ct, detail: "client portal invitation withdrawn");
        await transaction.CommitAsync(ct);
        return Outcome.Done;
    }
}
