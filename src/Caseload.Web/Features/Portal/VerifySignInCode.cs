using Caseload.Domain;
using Caseload.Domain.Portal;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Portal;

public sealed record VerifySignInCodeCommand(string? Email, string? Code);

/// <summary>A signed-in client's new session: its token (the only copy) and how long it lasts unused.</summary>
public sealed record PortalSignIn(string Token, int ExpiresInSeconds, string ClientId);

/// <summary>
/// A client gives the code they were emailed. The right, fresh, newest code opens a session; anything else,
/// including an email nobody was invited with, is the same refusal <c>code-invalid</c>. Each wrong code counts
/// against the outstanding one (<see cref="PortalAccount.WrongCodesAllowed"/> void it).
/// </summary>
public sealed class VerifySignInCode(CaseloadDbContext db, KeptPractice practice, PortalSessions sessions, AuditTrail audit, Clock clock)
{
    public static readonly Refusal Invalid = new(RefusalCodes.CodeInvalid, "That code is not right or no longer works. Ask for a new code.", "code");

    public async Task<Outcome<PortalSignIn>> HandleAsync(VerifySignInCodeCommand command, CancellationToken ct)
    {
        var email = PortalAccount.NormalEmail(command.Email ?? "");
        var code = (command.Code ?? "").Trim();
        if (email.Length is 0 or > TextLimits.Email || code.Length is 0 or > 20 || !(await practice.PortalAsync(ct)).Enabled)
        {
            return Invalid;
        }

        var now = clock.Now;
        var candidates = await SignInCandidates.ForEmailAsync(db, email, ct);
        var signedIn = candidates.Where(c => c.Account.UseCode(code, now)).ToList();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same code given twice at once: the other request used it.
            return Invalid;
        }

        if (signedIn is not [var client])
        {
            foreach (var failed in candidates)
            {
                await audit.RecordAsync([new AuditEvent(AuditActions.SignInFailed, AuditEntities.Client, failed.ClientId, failed.ClientId, "client portal: wrong or stale code")],
                    ct, AuditActor.Client(failed.ClientId, failed.FullName));
            }

            return Invalid;
        }

        var token = await sessions.StartAsync(client.ClientId, ct);
        await audit.RecordAsync([new AuditEvent(AuditActions.SignIn, AuditEntities.Client, client.ClientId, client.ClientId, "client portal")],
            ct, AuditActor.Client(client.ClientId, client.FullName));
        return new PortalSignIn(token, (int)PortalSession.IdleLimit.TotalSeconds, client.ClientId);
    }
}
