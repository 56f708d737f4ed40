using System.Security.Cryptography;
using System.Text;
using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Domain.Insurance;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Billing.Insurance;

public sealed record AppliedClaim(string ClaimId, string ClaimNumber, decimal Paid, decimal PatientResponsibility, IReadOnlyList<Adjustment> Adjustments);

public sealed record UnmatchedClaim(string ClaimRef, string Reason);

/// <param name="AlreadyApplied">The same file was applied before: nothing changed this time.</param>
public sealed record RemittanceResult(string RemittanceId, bool AlreadyApplied, IReadOnlyList<AppliedClaim> Applied, IReadOnlyList<UnmatchedClaim> Unmatched);

/// <summary>
/// Applies an 835: each CLP finds its claim by number (CLP01 = CLM01); its payment and CAS adjustments are posted,
/// the patient responsibility (PR) moves onto the client's invoice, and the claim is paid or denied. What finds no
/// claim, or is not for posting as is (a reversal, a claim already decided, a payment already posted from another
/// file), is kept for review. All of it in one transaction; the same file again changes nothing.
/// </summary>
[FeatureApi]
public sealed class ApplyRemittance(CaseloadDbContext db, CurrentStaff staff, Clock clock, AuditTrail audit)
{
    /// <summary>Larger than any one practice's remittance; a bigger body is refused before it is read.</summary>
    public const int MostCharacters = 5_000_000;

    public async Task<Outcome<RemittanceResult>> HandleAsync(string? text, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.ManagesBilling))
        {
            return Refusal.Forbidden("Only billers and administrators post remittances.");
        }

        if (text is null || text.Length > MostCharacters)
        {
            return Refusal.Invalid("body", "Send the 835 file as the request body, at most 5 MB.");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.Trim())));
        if (await db.Remittances.AsNoTracking().FirstOrDefaultAsync(r => r.Hash == hash, ct) is { } earlier)
        {
            return new RemittanceResult(earlier.Id, true, [], []);
        }

        var read = Era835Reader.Read(text);
        if (!read.Succeeded)
        {
            return Outcome.From([.. read.Refusals.Select(r => r with { Field = r.Field ?? "body" })]);
        }

        var now = clock.Now;
        var today = await db.TodayAsync(clock, ct);
        var file = new RemittanceFile(hash, staff.UserId, now);
        db.Remittances.Add(file);
        var applied = new List<AppliedClaim>();
        var unmatched = new List<UnmatchedClaim>();
        var touchedClients = new HashSet<string>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var remittance in read.Value)
        {
            var numbers = remittance.Claims.Select(c => c.ClaimId).Distinct().ToList();
            var claims = await db.Claims.Where(c => numbers.Contains(c.Number)).ToDictionaryAsync(c => c.Number, ct);
            var invoiceIds = claims.Values.Select(c => c.InvoiceId).ToList();
            var invoices = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
            var postedBefore = await db.PayerPayments.AnyAsync(p => p.Payer == remittance.PayerName && p.Reference == remittance.TraceNumber, ct);
            var postings = new List<ClaimPosting>();
            foreach (var payment in remittance.Claims)
            {
                var reason = postedBefore
                    ? $"Payment {remittance.TraceNumber} from {remittance.PayerName} was already posted from another file."
                    : Unpostable(payment, claims.GetValueOrDefault(payment.ClaimId), postings);
                if (reason is not null)
                {
                    file.KeepUnmatched(remittance.PayerName, remittance.TraceNumber, payment, reason);
                    unmatched.Add(new UnmatchedClaim(payment.ClaimId, reason));
                    continue;
                }

                var claim = claims[payment.ClaimId];
                var adjustments = payment.AllAdjustments.ToList();
                postings.Add(new ClaimPosting(claim, payment.Paid, adjustments, payment.Status == ClaimPaymentStatus.Denied, Final: true));
                applied.Add(new AppliedClaim(claim.Id, claim.Number, payment.Paid,
                    adjustments.Where(a => a.Group == InsuranceClaim.PatientGroup).Sum(a => a.Amount), adjustments));
                touchedClients.Add(claim.ClientId);
            }

            if (postings.Count == 0)
            {
                continue;
            }

            var (posted, outcome) = PayerPayment.Receive(remittance.PayerName, Math.Max(0, remittance.PaymentAmount), PayerPaymentMethod.Eft,
                remittance.TraceNumber, remittance.PaymentDate ?? today, file.Id, postings, invoices, now);
            if (posted is null)
            {
                return outcome;
            }

            db.PayerPayments.Add(posted);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Refusal(RefusalCodes.Conflict, "A claim of this remittance was posted at the same moment. Apply the file again: what was posted is not posted twice.");
        }
        catch (DbUpdateException)
        {
            // The unique hash: another request applied the same file a moment ago.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var other = await db.Remittances.AsNoTracking().FirstOrDefaultAsync(r => r.Hash == hash, ct);
            return other is null
                ? new Refusal(RefusalCodes.Conflict, "The remittance could not be saved. Apply it again: nothing of it was posted.")
                : new RemittanceResult(other.Id, true, [], []);
        }

        await transaction.CommitAsync(ct);
        await audit.RecordForClientsAsync(AuditActions.Change, AuditEntities.Claim, $"remittance-{file.Id}", touchedClients.Select(c => (string?)c), ct,
            $"835 applied: {applied.Count} claims posted, {unmatched.Count} kept for review");
        return new RemittanceResult(file.Id, false, applied, unmatched);
    }

    /// <summary>Why a claim payment is kept for review rather than posted, or null to post it.</summary>
    private static string? Unpostable(ClaimPayment payment, InsuranceClaim? claim, List<ClaimPosting> postings) => (payment.Status, claim) switch
    {
        (_, null) => "No claim has this number.",
        (ClaimPaymentStatus.Reversed, _) => "A reversal of an earlier payment: record it as a takeback after review.",
        (ClaimPaymentStatus.Other, _) => $"Claim status code {payment.StatusCode} is not a payment or a denial: review it with the payer.",
        (_, { State: ClaimState.Void }) => "The claim is void.",
        (_, { State: ClaimState.Paid or ClaimState.Denied }) => "The payer already decided this claim: review before posting again.",
        _ when postings.Any(p => p.Claim.Id == claim!.Id) => "The claim is paid twice in this remittance.",
        _ => null,
    };
}
