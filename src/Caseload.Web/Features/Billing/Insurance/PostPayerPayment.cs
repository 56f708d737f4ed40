using Caseload.Domain;
using Caseload.Domain.Insurance;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Billing.Insurance;

/// <summary>What a payer paid on one claim. <see cref="Final"/> says the payer has decided (it closes the claim even if short).</summary>
public sealed record ClaimPaymentEntry(string ClaimId, decimal Paid, IReadOnlyList<Adjustment>? Adjustments = null, bool Denied = false, bool Final = false);

/// <summary>A payer's cheque (or other payment) entered by hand, spread over the claims it pays.</summary>
public sealed record PostPayerPaymentCommand(
    string? Payer, decimal Amount, PayerPaymentMethod Method, string? Reference, LocalDate? ReceivedOn, IReadOnlyList<ClaimPaymentEntry>? Claims);

public sealed record PayerPaymentLineView(string ClaimId, decimal Paid, decimal PatientResponsibility, IReadOnlyList<Adjustment> Adjustments);

[FeatureApi]
public sealed record PayerPaymentView(
    string Id, string Payer, decimal Amount, PayerPaymentMethod Method, string? Reference, LocalDate ReceivedOn, string? RemittanceId,
    IReadOnlyList<PayerPaymentLineView> Lines)
{
    public static PayerPaymentView From(PayerPayment p) => new(p.Id, p.Payer, p.Amount, p.Method, p.Reference, p.ReceivedOn, p.RemittanceId,
        [.. p.Lines.Select(l => new PayerPaymentLineView(l.ClaimId, l.Paid, l.PatientResponsibility,
            [.. l.Adjustments.Select(a => new Adjustment(a.Group, a.Reason, a.Amount))]))]);
}

/// <summary>
/// Posts a payer's payment entered by hand against several claims: each claim's payment and adjustments, the patient
/// responsibility onto the client's invoice, in one transaction. Audited like client payments.
/// </summary>
[FeatureApi]
public sealed class PostPayerPayment(CaseloadDbContext db, ClaimList claims, CurrentStaff staff, Clock clock, AuditTrail audit)
{
    public async Task<Outcome<PayerPaymentView>> HandleAsync(PostPayerPaymentCommand command, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.ManagesBilling))
        {
            return Refusal.Forbidden("Only billers and administrators post payer payments.");
        }

        var today = await db.TodayAsync(clock, ct);
        if (command.ReceivedOn > today)
        {
            return Refusal.Invalid("receivedOn", "Give the date received as YYYY-MM-DD, today or earlier.");
        }

        var entries = command.Claims ?? [];
        var ids = entries.Select(e => e.ClaimId).ToList();
        var found = await (await claims.VisibleAsync(ct)).Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        if (ids.FirstOrDefault(id => !found.ContainsKey(id)) is { } missing)
        {
            return Refusal.Invalid("claims", $"There is no claim {missing}.");
        }

        var invoiceIds = found.Values.Select(c => c.InvoiceId).ToList();
        var invoices = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var closed = found.Values.FirstOrDefault(c => !c.IsOpen);
        if (closed is not null)
        {
            return new Refusal(RefusalCodes.ClaimNotOpen, $"Claim {closed.Number} is {ClaimStatuses.Of(closed.State, true)}: it takes no more payments.", "claims");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (payment, outcome) = PayerPayment.Receive(command.Payer ?? "", command.Amount, command.Method, command.Reference, command.ReceivedOn ?? today,
            null, [.. entries.Select(e => new ClaimPosting(found[e.ClaimId], e.Paid, e.Adjustments ?? [], e.Denied, e.Final))], invoices, clock.Now);
        if (payment is null)
        {
            return outcome;
        }

        db.PayerPayments.Add(payment);
        if (await PayerSaves.SaveAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        await transaction.CommitAsync(ct);
        await audit.RecordForClientsAsync(AuditActions.Create, AuditEntities.Payment, payment.Id, found.Values.Select(c => (string?)c.ClientId).Distinct(), ct,
            $"payer payment from {payment.Payer}, {payment.Amount:0.00}");
        return PayerPaymentView.From(payment);
    }
}

/// <summary>A claim amount the payer takes back.</summary>
public sealed record ClaimTakeback(string ClaimId, decimal Amount);

public sealed record TakeBackPayerPaymentCommand(string? Payer, string? Reference, LocalDate? ReceivedOn, IReadOnlyList<ClaimTakeback>? Claims);

/// <summary>
/// A payer takes money back (the practice refunds an overpayment, or the payer recoups it): the claims it paid wait for
/// the payer again and what the payer owes grows by what was taken. Audited like client refunds.
/// </summary>
[FeatureApi]
public sealed class TakeBackPayerPayment(CaseloadDbContext db, ClaimList claims, CurrentStaff staff, Clock clock, AuditTrail audit)
{
    public async Task<Outcome<PayerPaymentView>> HandleAsync(TakeBackPayerPaymentCommand command, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.ManagesBilling))
        {
            return Refusal.Forbidden("Only billers and administrators record payer refunds.");
        }

        var today = await db.TodayAsync(clock, ct);
        var entries = command.Claims ?? [];
        var ids = entries.Select(e => e.ClaimId).ToList();
        if (ids.Count == 0 || ids.Distinct().Count() != ids.Count)
        {
            return Refusal.Invalid("claims", "Name each claim the payer takes money back from, once.");
        }

        var found = await (await claims.VisibleAsync(ct)).Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        if (ids.FirstOrDefault(id => !found.ContainsKey(id)) is { } missing)
        {
            return Refusal.Invalid("claims", $"There is no claim {missing}.");
        }

        var payer = string.IsNullOrWhiteSpace(command.Payer) ? found[ids[0]].Payer : command.Payer.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (payment, outcome) = PayerPayment.TakeBack(payer, command.Reference, command.ReceivedOn ?? today,
            [.. entries.Select(e => (found[e.ClaimId], e.Amount))], clock.Now);
        if (payment is null)
        {
            return outcome;
        }

        db.PayerPayments.Add(payment);
        if (await PayerSaves.SaveAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        await transaction.CommitAsync(ct);
        await audit.RecordForClientsAsync(AuditActions.Create, AuditEntities.Payment, payment.Id, found.Values.Select(c => (string?)c.ClientId).Distinct(), ct,
            $"payer takeback by {payment.Payer}, {payment.Amount:0.00}");
        return PayerPaymentView.From(payment);
    }
}

internal static class PayerSaves
{
    /// <summary>Saves; null when saved, else the refusal for a claim someone posted to meanwhile.</summary>
    public static async Task<Refusal?> SaveAsync(CaseloadDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Refusal(RefusalCodes.ConcurrentChange, "Another payment was posted to one of these claims at the same moment. Reload and try again.");
        }
    }
}
