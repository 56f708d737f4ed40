using Caseload.Domain.Insurance;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Billing.Insurance;

/// <summary>One thing that happened to a claim, on the practice's clock; <see cref="Adjustments"/> by group and reason (the store keeps no order).</summary>
public sealed record ClaimEvent(LocalDateTime At, string What, LocalDate? ReceivedOn = null, decimal? Paid = null, decimal? PatientResponsibility = null,
    IReadOnlyList<Adjustment>? Adjustments = null);

/// <summary>
/// A claim's history for its page: made with its invoice, put in a batch, sent, and every payer payment, remittance
/// or takeback posted on it, oldest first. Read only for a claim the asker may see (the claim list decides).
/// </summary>
public sealed class ClaimHistory(CaseloadDbContext db)
{
    public async Task<IReadOnlyList<ClaimEvent>> ReadAsync(string claimId, CancellationToken ct)
    {
        var zone = (await db.PracticeAsync(ct)).Zone;
        var claim = await db.Claims.AsNoTracking().Where(c => c.Id == claimId)
            .Select(c => new { c.CreatedAt, c.BatchNumber, c.SubmittedAt }).FirstAsync(ct);
        var events = new List<(Instant At, ClaimEvent Event)>();
        void Add(Instant at, string what, LocalDate? receivedOn = null, decimal? paid = null, decimal? pr = null, IReadOnlyList<Adjustment>? adjustments = null) =>
            events.Add((at, new ClaimEvent(at.InZone(zone).LocalDateTime, what, receivedOn, paid, pr, adjustments)));

        Add(claim.CreatedAt, "Made with the session's invoice");
        if (claim.BatchNumber is { } number)
        {
            var batch = await db.ClaimBatches.AsNoTracking().Where(b => b.Number == number).Select(b => new { b.CreatedAt }).FirstAsync(ct);
            Add(batch.CreatedAt, $"Put in batch {number}");
        }

        if (claim.SubmittedAt is { } submitted)
        {
            Add(submitted, "Submitted: the batch's 837P file was downloaded");
        }

        var lines = await db.Set<PayerPaymentLine>().AsNoTracking().Include(l => l.Adjustments).Where(l => l.ClaimId == claimId).ToListAsync(ct);
        var paymentIds = lines.Select(l => l.PaymentId).Distinct().ToList();
        var payments = await db.PayerPayments.AsNoTracking().Where(p => paymentIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Method, p.Reference, p.ReceivedOn, p.RecordedAt, p.RemittanceId, p.Amount }).ToDictionaryAsync(p => p.Id, ct);
        foreach (var line in lines)
        {
            var payment = payments[line.PaymentId];
            var reference = payment.Reference is { Length: > 0 } r ? $" {r}" : "";
            var what = line.Paid < 0
                ? $"Taken back by the payer{reference}"
                : payment.RemittanceId is not null
                    ? $"Remittance (835){reference}"
                    : $"Payer payment by {MethodName(payment.Method)}{reference}";
            Add(payment.RecordedAt, what, payment.ReceivedOn, line.Paid, line.PatientResponsibility,
                [.. line.Adjustments.OrderBy(a => a.Group, StringComparer.Ordinal).ThenBy(a => a.Reason, StringComparer.Ordinal).Select(a => new Adjustment(a.Group, a.Reason, a.Amount))]);
        }

        return [.. events.OrderBy(e => e.At).Select(e => e.Event)];
    }

    private static string MethodName(PayerPaymentMethod method) => method switch
    {
        PayerPaymentMethod.Eft => "electronic transfer",
        PayerPaymentMethod.Check => "check",
        _ => "other means",
    };
}
