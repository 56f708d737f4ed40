using Caseload.Domain;
using Caseload.Domain.Portal;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Portal;

/// <param name="SignInAddress">The portal's sign-in page as the client will reach it (see <see cref="PortalAddress"/>).</param>
[FeatureApi]
public sealed record InviteToPortalCommand(string ClientId, string SignInAddress);

/// <summary>
/// Staff who may see a client invite them to the client portal: the invitation (who, when, to which email) is
/// kept, and the client is emailed a link to the sign-in page. Sending it again is the same; to a new email it
/// also ends the sessions opened through the old one.
/// </summary>
[FeatureApi]
public sealed class InviteToPortal(CaseloadDbContext db, Caseloads caseloads, CurrentStaff staff, EmailDelivery email,
    PortalOutbox mail, PortalSessions sessions, AuditTrail audit, Clock clock)
{
    public async Task<Outcome> HandleAsync(InviteToPortalCommand command, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.Schedules))
        {
            return Refusal.Forbidden("Only staff who work with clients' care invite clients to the portal.");
        }

        var client = await (await caseloads.ClientsAsync(ct)).AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (client is null)
        {
            return Refusal.NotFound("No such client.");
        }

        var practice = await db.PracticeAsync(ct);
        if (!practice.Portal.Enabled)
        {
            return new Refusal(RefusalCodes.PortalOff, "The client portal is off: an administrator turns it on in the practice settings.");
        }

        if (!client.IsActive)
        {
            return new Refusal(RefusalCodes.ClientDischarged, $"{client.FullName} was discharged: readmit them before inviting them to the portal.");
        }

        if (client.Email is not { Length: > 0 } address)
        {
            return Refusal.Invalid("email", "The client's chart has no email address: add one before inviting them.");
        }

        if (!email.Configured)
        {
            return new Refusal(RefusalCodes.EmailNotSetUp, "No email server is set up, so the invitation cannot be sent.");
        }

        var now = clock.Now;
        var account = await db.PortalAccounts.FirstOrDefaultAsync(a => a.ClientId == client.Id, ct);
        var emailChanged = account is not null && account.InvitedEmail != PortalAccount.NormalEmail(address);
        if (account is null)
        {
            db.PortalAccounts.Add(PortalAccount.Invite(client.Id, address, staff.UserId, staff.DisplayName, now));
        }
        else
        {
            account.InviteAgain(address, staff.UserId, staff.DisplayName, now);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            if (emailChanged)
            {
                await sessions.EndAllAsync(client.Id, ct);
            }

            await audit.RecordAsync(AuditActions.Change, AuditEntities.Client, client.Id, client.Id, ct, detail: "invited to the client portal");
            await transaction.CommitAsync(ct);
        }

        mail.Queue(new PortalEmail(address, $"{practice.Name} invites you to its client portal",
            $"Hello {client.FirstName},\n\n{practice.Name} has invited you to its client portal, where you can see your sessions and bills.\n\n"
            + $"To sign in, open {command.SignInAddress} and enter this email address. We will email you a six-digit code to type in; "
            + "there is no password to remember.\n\nIf you did not expect this email, you can ignore it."));
        return Outcome.Done;
    }
}
