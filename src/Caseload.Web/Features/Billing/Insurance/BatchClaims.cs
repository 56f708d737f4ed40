using Caseload.Domain;
using Caseload.Domain.Insurance;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Billing.Insurance;

public sealed record BatchClaimsCommand(IReadOnlyList<string>? ClaimIds);

public sealed record ClaimBatchView(int Number, Instant CreatedAt, Instant? DownloadedAt, IReadOnlyList<string> ClaimIds);

/// <summary>
/// Puts ready claims into a batch and writes its 837P once, with the batch's number as its control numbers. Refused
/// whole (409) when a claim is not open or not complete, naming each missing field as <c>claims[C…].field</c>, or
/// when the practice has not said where claims go. A missed-session charge never has a claim, so it can never be here (rule 7).
/// </summary>
[FeatureApi]
public sealed class BatchClaims(CaseloadDbContext db, ClaimList claims, ClaimAssembly assembly, CurrentStaff staff, Clock clock, AuditTrail audit)
{
    public const int MostClaims = 500;

    public async Task<Outcome<ClaimBatchView>> HandleAsync(BatchClaimsCommand command, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.ManagesBilling))
        {
            return Refusal.Forbidden("Only billers and administrators send claims.");
        }

        var ids = command.ClaimIds?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > MostClaims || ids.Count != command.ClaimIds!.Count)
        {
            return Refusal.Invalid("claimIds", $"Name from 1 to {MostClaims} different claims.");
        }

        var found = await (await claims.VisibleAsync(ct)).Include(c => c.Lines).Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        if (ids.FirstOrDefault(id => found.All(c => c.Id != id)) is { } missing)
        {
            return Refusal.Invalid("claimIds", $"There is no claim {missing}.");
        }

        var practice = await db.PracticeAsync(ct);
        var refusals = new List<Refusal>();
        var assembled = (await assembly.AssembleAsync(found, ct)).OrderBy(a => ids.IndexOf(a.Stored.Id)).ToList();
        foreach (var claim in assembled)
        {
            if (claim.Stored.State != ClaimState.Open || claim.Stored.BatchNumber is not null)
            {
                var status = claim.Stored.BatchNumber is { } other && claim.Stored.State == ClaimState.Open
                    ? $"already in batch {other}"
                    : ClaimStatuses.Of(claim.Stored.State, claim.Complete);
                refusals.Add(new Refusal(RefusalCodes.ClaimNotOpen, $"Claim {claim.Stored.Number} is {status}: only ready claims can be sent.",
                    $"claims[{claim.Stored.Number}]"));
            }

            refusals.AddRange(claim.Problems.Select(p => new Refusal(RefusalCodes.ClaimIncomplete, p.Message, $"claims[{claim.Stored.Number}].{p.Field}")));
        }

        var (envelope, setupProblems) = Envelope(practice, assembled.Select(a => a.Claim.Payer).Distinct().ToList());
        refusals.AddRange(setupProblems);
        if (refusals.Count > 0)
        {
            // One status for the whole answer: not-open claims first, since completing them would not help.
            var code = refusals.Any(r => r.Code == RefusalCodes.ClaimNotOpen) ? RefusalCodes.ClaimNotOpen : RefusalCodes.ClaimIncomplete;
            var summary = new Refusal(code, code == RefusalCodes.ClaimNotOpen
                ? "Some claims are not ready to send."
                : "Some claims lack what a payer would reject them for: each missing field is named.");
            return Outcome.From([summary, .. refusals.Select(r => r with { Code = code })]);
        }

        var now = clock.Now;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = new ClaimSubmission(staff.UserId, now);
        db.ClaimBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        foreach (var claim in assembled)
        {
            claim.Stored.AddToBatch(batch.Number);
        }

        var created = now.InZone(practice.Zone).LocalDateTime;
        var file = Claim837PWriter.Write(new ClaimBatch(
            envelope!.Value.Submitter, envelope.Value.Receiver,
            new ControlNumbers(batch.Number, batch.Number, batch.Number), $"B{batch.Number}", created, practice.Clearinghouse.Production,
            [.. assembled.Select(a => a.Claim)]));
        if (!file.Succeeded)
        {
            return Outcome.From([.. file.Refusals.Select(r => r with { Code = RefusalCodes.ClaimIncomplete })]);
        }

        batch.Written(file.Value);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Refusal(RefusalCodes.Conflict, "Another biller sent or changed one of these claims at the same moment. Reload and try again.");
        }

        await transaction.CommitAsync(ct);
        await audit.RecordForClientsAsync(AuditActions.Change, AuditEntities.Claim, $"batch-{batch.Number}",
            assembled.Select(a => (string?)a.Stored.ClientId).Distinct(), ct, $"claims batched: {string.Join(' ', assembled.Select(a => a.Stored.Number))}");
        return new ClaimBatchView(batch.Number, batch.CreatedAt, null, ids);
    }

    /// <summary>
    /// Who sends the file and where it goes. Through the practice's clearinghouse when one is set; without one, the
    /// file goes straight to the payer, which needs every claim of the batch to be for one payer, and the practice
    /// submits under its tax id (the usual electronic transmitter id).
    /// </summary>
    private static ((Submitter Submitter, Receiver Receiver)?, IReadOnlyList<Refusal>) Envelope(
        Domain.Practices.Practice practice, List<Payer> payers)
    {
        var problems = new List<Refusal>();
        var clearinghouse = practice.Clearinghouse;
        Receiver? receiver = null;
        if (!string.IsNullOrWhiteSpace(clearinghouse.Name) && !string.IsNullOrWhiteSpace(clearinghouse.ReceiverId))
        {
            receiver = new Receiver(clearinghouse.Name, clearinghouse.ReceiverId);
        }
        else if (payers.Count == 1 && !string.IsNullOrWhiteSpace(payers[0].PayerId))
        {
            receiver = new Receiver(payers[0].Name, payers[0].PayerId);
        }
        else
        {
            problems.Add(Missing("clearinghouse.receiverId",
                "Claims for several payers go through a clearinghouse: enter its name and receiver id in the practice's billing settings, or send one payer's claims at a time."));
        }

        var submitterId = string.IsNullOrWhiteSpace(clearinghouse.SubmitterId)
            ? string.Concat((practice.BillingIdentity.TaxId ?? "").Where(char.IsAsciiDigit))
            : clearinghouse.SubmitterId;
        if (string.IsNullOrWhiteSpace(submitterId))
        {
            problems.Add(Missing("clearinghouse.submitterId", "Enter the submitter id the clearinghouse gave the practice, or the practice's tax id."));
        }

        if (practice.Phone.Count(char.IsAsciiDigit) is < 10 or > 15)
        {
            problems.Add(Missing("practice.phone", "Enter the practice's phone number: the receiver calls it about a file."));
        }

        var name = practice.BillingIdentity.Name ?? practice.Name;
        return problems.Count > 0 || receiver is null
            ? (null, problems)
            : ((new Submitter(name, submitterId!, name, practice.Phone), receiver), problems);
    }

    private static Refusal Missing(string field, string message) => new(RefusalCodes.ClaimIncomplete, message, field);
}
