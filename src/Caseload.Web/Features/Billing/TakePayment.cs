using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Billing;

/// <summary>An amount of a payment to apply to one invoice.</summary>
public sealed record InvoiceAmount(string InvoiceId, decimal Amount);

/// <summary>
/// A client's payment. <see cref="InvoiceId"/> alone pays one invoice (any excess is credit);
/// <see cref="Allocations"/> spreads it over several in the amounts named; with neither, it pays the
/// client's oldest open invoices first. Anything not applied is credit.
/// </summary>
/// <param name="ReceivedOn">The day the money came in; today when not said.</param>
public sealed record TakePaymentCommand(
    string? ClientId,
    string? InvoiceId,
    decimal Amount,
    PaymentMethod Method,
    LocalDate? ReceivedOn = null,
    string? Reference = null,
    IReadOnlyList<InvoiceAmount>? Allocations = null);

/// <summary>Records a client's payment and applies it to their invoices; only of clients the asker may see.</summary>
public sealed class TakePayment(CaseloadDbContext db, Caseloads caseloads, CurrentStaff staff, Clock clock, AuditTrail audit)
{
    public const string ReceivedOnMessage = "Give the date received as YYYY-MM-DD, today or earlier.";

    public async Task<Outcome<PaymentView>> HandleAsync(TakePaymentCommand command, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.TakesPayments))
        {
            return Refusal.Forbidden("Only the front desk, billers and administrators take payments.");
        }

        var refusals = new List<Refusal>();
        var today = await db.TodayAsync(clock, ct);
        if (command.ReceivedOn > today)
        {
            refusals.Add(Refusal.Invalid("receivedOn", ReceivedOnMessage));
        }

        var named = command.Allocations
            ?? (command.InvoiceId is null ? [] : [new InvoiceAmount(command.InvoiceId, command.Amount)]);
        var ids = named.Select(a => a.InvoiceId).ToList();
        var invoices = await (await caseloads.InvoicesAsync(db, ct)).Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        if (ids.Any(id => !invoices.ContainsKey(id)))
        {
            return Refusal.NotFound("No such invoice.");
        }

        var clientId = command.ClientId ?? invoices.Values.FirstOrDefault()?.ClientId;
        if (clientId is null || !await (await caseloads.ClientsAsync(ct)).AnyAsync(c => c.Id == clientId, ct))
        {
            refusals.Add(Refusal.Invalid("clientId", "Say whose payment this is: an invoiceId or a clientId."));
        }

        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        var applyTo = command switch
        {
            { Allocations: { } allocations } => [.. allocations.Select(a => (invoices[a.InvoiceId], a.Amount))],
            { InvoiceId: { } invoiceId } => PaymentAllocation.ToOne(invoices[invoiceId], command.Amount),
            _ => PaymentAllocation.OldestFirst(command.Amount,
                await db.Invoices.Where(i => i.ClientId == clientId && i.Status == InvoiceStatus.Open).ToListAsync(ct)),
        };
        var (payment, outcome) = Payment.Receive(clientId!, command.Amount, command.Method, command.ReceivedOn ?? today, command.Reference,
            applyTo, clock.Now);
        if (payment is null)
        {
            return outcome;
        }

        db.Payments.Add(payment);
        if (await BillingSaves.SaveAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        await audit.RecordAsync(AuditActions.Create, AuditEntities.Payment, payment.Id, payment.ClientId, ct);
        return PaymentView.From(payment);
    }
}
