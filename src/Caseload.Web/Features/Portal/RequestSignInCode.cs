using Caseload.Domain;
using Caseload.Domain.Portal;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Portal;

public sealed record RequestSignInCodeCommand(string? Email);

/// <summary>
/// A client asks for a sign-in code. Every invited client who may sign in with this email (a parent's email may
/// serve two children's charts) gets a new code by email, which voids their older one. Nothing is answered:
/// the caller says the same to everyone, so the answer never tells whether an email is known, and the email
/// goes out in the background so neither does the answer's timing.
/// </summary>
public sealed class RequestSignInCode(CaseloadDbContext db, KeptPractice practice, PortalOutbox mail, AuditTrail audit, Clock clock)
{
    public async Task HandleAsync(RequestSignInCodeCommand command, CancellationToken ct)
    {
        var email = PortalAccount.NormalEmail(command.Email ?? "");
        if (email.Length is 0 or > TextLimits.Email || !(await practice.PortalAsync(ct)).Enabled)
        {
            return;
        }

        var invited = await SignInCandidates.ForEmailAsync(db, email, ct);
        if (invited.Count == 0)
        {
            return;
        }

        var now = clock.Now;
        var codes = invited.Select(c => (Candidate: c, Code: c.Account.IssueCode(now))).ToList();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request issued a newer code at the same moment; that one is sent and stands.
            return;
        }

        var practiceName = await practice.NameAsync(ct);
        foreach (var (candidate, code) in codes)
        {
            await audit.RecordAsync([new AuditEvent(AuditActions.Create, AuditEntities.Client, candidate.ClientId, candidate.ClientId, "client portal sign-in code sent")],
                ct, AuditActor.Client(candidate.ClientId, candidate.FullName));
            mail.Queue(new PortalEmail(candidate.ChartEmail, $"Your sign-in code for {practiceName}",
                $"Hello {candidate.FirstName},\n\nYour code to sign in to the {practiceName} client portal is {code}.\n\n"
                + $"It works once, for {PortalAccount.CodeLifetime.TotalMinutes:0} minutes. If you did not ask for it, you can ignore this email: "
                + "nobody can sign in without the code."));
        }
    }
}

/// <summary>An invited client who may sign in with a given email, with their account tracked for a change.</summary>
internal sealed record SignInCandidate(PortalAccount Account, string ClientId, string ChartEmail, string FirstName, string LastName)
{
    public string FullName => $"{FirstName} {LastName}";
}

internal static class SignInCandidates
{
    /// <summary>The invited clients of this (normalised) email who may sign in: invitation standing, still clients, chart email unchanged.</summary>
    public static async Task<List<SignInCandidate>> ForEmailAsync(CaseloadDbContext db, string email, CancellationToken ct)
    {
        var rows = await (
                from a in db.PortalAccounts
                where a.InvitedEmail == email && a.RevokedAt == null
                join c in db.Clients on a.ClientId equals c.Id
                select new { Account = a, c.Email, c.DischargedOn, c.FirstName, c.LastName })
            .ToListAsync(ct);
        return [.. rows.Where(r => r.Account.MaySignIn(r.Email, r.DischargedOn is null))
            .Select(r => new SignInCandidate(r.Account, r.Account.ClientId, r.Email!, r.FirstName, r.LastName))];
    }
}
