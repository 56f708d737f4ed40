using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Billing;

public sealed record RefundPaymentCommand(string PaymentId, decimal Amount, string? Reference = null);

/// <summary>Refunds from a payment: its unapplied part first, then what it paid on invoices, which open again.</summary>
public sealed class RefundPayment(CaseloadDbContext db, Caseloads caseloads, CurrentStaff staff, Clock clock, AuditTrail audit)
{
    public async Task<Outcome<PaymentView>> HandleAsync(RefundPaymentCommand command, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.ManagesBilling))
        {
            return Refusal.Forbidden("Only billers and administrators give refunds.");
        }

        var visible = await caseloads.ClientsAsync(ct);
        var payment = await db.Payments.Include(p => p.Allocations)
            .FirstOrDefaultAsync(p => p.Id == command.PaymentId && visible.Any(c => c.Id == p.ClientId), ct);
        if (payment is null || payment.IsRefund)
        {
            return Refusal.NotFound("No such payment.");
        }

        var earlier = await db.Payments.AsNoTracking().Where(p => p.RefundOf == payment.Id).ToListAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var toTakeBack = command.Amount - Math.Max(0, payment.Unapplied + earlier.Sum(r => r.Amount));
        var invoiceIds = payment.Allocations.Select(a => a.InvoiceId).Distinct().ToList();
        var invoices = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToListAsync(ct);
        foreach (var invoice in invoices.OrderByDescending(i => i.ServiceDate))
        {
            var applied = payment.Allocations.Where(a => a.InvoiceId == invoice.Id).Sum(a => a.Amount);
            var taken = Math.Min(applied, toTakeBack);
            if (taken > 0)
            {
                payment.Unapply(invoice, taken);
                toTakeBack -= taken;
            }
        }

        var today = await db.TodayAsync(clock, ct);
        var (refund, outcome) = payment.Refund(command.Amount, command.Reference, earlier, today, clock.Now);
        if (refund is null)
        {
            return outcome;
        }

        db.Payments.Add(refund);
        if (await BillingSaves.SaveAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        await audit.RecordAsync(AuditActions.Create, AuditEntities.Payment, refund.Id, payment.ClientId, ct, $"refund of {payment.Id}");
        await transaction.CommitAsync(ct);
        return PaymentView.From(refund);
    }
}
