using Caseload.Domain;
using Caseload.Domain.Portal;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Portal;

/// <param name="AuthenticatorCode">The code of the client's authenticator app, for a client who turned one on.</param>
public sealed record VerifySignInCodeCommand(string? Email, string? Code, string? AuthenticatorCode = null);

/// <summary>A signed-in client's new session: its token (the only copy) and how long it lasts unused.</summary>
public sealed record PortalSignIn(string Token, int ExpiresInSeconds, string ClientId);

/// <summary>
/// A client gives the code they were emailed. The right, fresh, newest code opens a session; anything else,
/// including an email nobody was invited with, is the same refusal <c>code-invalid</c>. Each wrong code counts
/// against the outstanding one (<see cref="PortalAccount.WrongCodesAllowed"/> void it). A client who turned on an
/// authenticator app also gives its code: without it the answer is <c>two-factor-required</c> and the emailed code
/// stays good; a wrong one counts as a wrong code.
/// </summary>
public sealed class VerifySignInCode(CaseloadDbContext db, KeptPractice practice, PortalSessions sessions, AuditTrail audit, Clock clock, TimeProvider time)
{
    public static readonly Refusal Invalid = new(RefusalCodes.CodeInvalid, "That code is not right or no longer works. Ask for a new code.", "code");

    public static readonly Refusal AuthenticatorNeeded =
        new(RefusalCodes.TwoFactorRequired, "Enter the code your authenticator app shows, too.", "authenticatorCode");

    public static readonly Refusal AuthenticatorWrong =
        new(RefusalCodes.CodeInvalid, "That is not the code your authenticator app shows now.", "authenticatorCode");

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
        var signedIn = new List<SignInCandidate>();
        Refusal? secondFactor = null;
        foreach (var candidate in candidates.Where(c => c.Account.IsRightCode(code, now)))
        {
            if (candidate.Account.TwoFactorOn && string.IsNullOrWhiteSpace(command.AuthenticatorCode))
            {
                secondFactor = AuthenticatorNeeded;
            }
            else if (candidate.Account.TwoFactorOn && !AuthenticatorCodes.Matches(candidate.Account.AuthenticatorKey, command.AuthenticatorCode, time.GetUtcNow()))
            {
                candidate.Account.CountWrongCode();
                secondFactor = AuthenticatorWrong;
            }
            else
            {
                candidate.Account.SignedIn(now);
                signedIn.Add(candidate);
            }
        }

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
            var why = secondFactor is null ? "client portal: wrong or stale code" : "client portal: authenticator code missing or wrong";
            foreach (var failed in candidates)
            {
                await audit.RecordAsync([new AuditEvent(AuditActions.SignInFailed, AuditEntities.Client, failed.ClientId, failed.ClientId, why)],
                    ct, AuditActor.Client(failed.ClientId, failed.FullName));
            }

            return secondFactor ?? Invalid;
        }

        var token = await sessions.StartAsync(client.ClientId, ct);
        await audit.RecordAsync([new AuditEvent(AuditActions.SignIn, AuditEntities.Client, client.ClientId, client.ClientId, "client portal")],
            ct, AuditActor.Client(client.ClientId, client.FullName));
        return new PortalSignIn(token, (int)PortalSession.IdleLimit.TotalSeconds, client.ClientId);
    }
}
