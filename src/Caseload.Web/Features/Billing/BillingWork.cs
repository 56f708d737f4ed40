using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Billing;

/// <summary>Invoices, payments, refunds and voids, for the pages and the API; only of clients the asker may see.</summary>
public sealed class BillingWork(CaseloadDbContext db, Caseloads caseloads, Clock clock)
{
    private static readonly Refusal NoInvoice = new("not-found", "No such invoice.");

    public async Task<List<InvoiceDto>> InvoicesAsync(string? clientId, string? appointmentId, CancellationToken ct)
    {
        var query = await VisibleInvoicesAsync(ct);
        if (clientId is not null)
        {
            query = query.Where(i => i.ClientId == clientId);
        }

        if (appointmentId is not null)
        {
            query = query.Where(i => i.AppointmentId == appointmentId);
        }

        var invoices = await query.AsNoTracking().Include(i => i.Lines).OrderBy(i => i.ServiceDate).ThenBy(i => i.Id).ToListAsync(ct);
        return [.. invoices.Select(InvoiceDto.From)];
    }

    public async Task<InvoiceDto?> InvoiceAsync(string id, CancellationToken ct) =>
        await (await VisibleInvoicesAsync(ct)).AsNoTracking().Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == id, ct) is { } invoice
            ? InvoiceDto.From(invoice)
            : null;

    public async Task<LedgerDto?> LedgerAsync(string clientId, CancellationToken ct)
    {
        if (!await (await caseloads.ClientsAsync(ct)).AnyAsync(c => c.Id == clientId, ct))
        {
            return null;
        }

        var invoices = await InvoicesAsync(clientId, null, ct);
        var payments = await db.Payments.AsNoTracking().Include(p => p.Allocations).Where(p => p.ClientId == clientId)
            .OrderBy(p => p.ReceivedOn).ThenBy(p => p.RecordedAt).ToListAsync(ct);
        var owed = invoices.Where(i => i.Status != "void").Sum(i => i.Balance);
        var credit = payments.Sum(p => p.Unapplied);
        return new LedgerDto(clientId, owed, credit, owed - credit, invoices, [.. payments.Select(PaymentDto.From)]);
    }

    public async Task<(PaymentDto? Payment, Outcome Outcome)> ReceiveAsync(PaymentInput input, CancellationToken ct)
    {
        var refusals = new List<Refusal>();
        var method = ParseMethod(input.Method);
        if (method is null)
        {
            refusals.Add(Refusal.Invalid("method", "Method is card, cash, check or other."));
        }

        var receivedOn = await db.TodayAsync(clock, ct);
        if (input.ReceivedOn is not null)
        {
            var parsed = LocalDatePattern.Iso.Parse(input.ReceivedOn);
            if (!parsed.Success || parsed.Value > receivedOn)
            {
                refusals.Add(Refusal.Invalid("receivedOn", "Give the date received as YYYY-MM-DD, today or earlier."));
            }
            else
            {
                receivedOn = parsed.Value;
            }
        }

        var wanted = input.Allocations?.ToList()
            ?? (input.InvoiceId is null ? [] : [new AllocationInput(input.InvoiceId, input.Amount ?? 0)]);
        var ids = wanted.Select(a => a.InvoiceId).ToList();
        var invoices = await (await VisibleInvoicesAsync(ct)).Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        if (ids.Any(id => !invoices.ContainsKey(id)))
        {
            return (null, NoInvoice);
        }

        // Paying one invoice more than it owes leaves the rest as the client's credit.
        if (input.Allocations is null && input.InvoiceId is not null && invoices[input.InvoiceId].ClientBalance > 0)
        {
            wanted = [new AllocationInput(input.InvoiceId, Math.Min(input.Amount ?? 0, invoices[input.InvoiceId].ClientBalance))];
        }

        var clientId = input.ClientId ?? invoices.Values.FirstOrDefault()?.ClientId;
        if (clientId is null || !await (await caseloads.ClientsAsync(ct)).AnyAsync(c => c.Id == clientId, ct))
        {
            refusals.Add(Refusal.Invalid("clientId", "Say whose payment this is: an invoiceId or a clientId."));
        }

        if (refusals.Count > 0)
        {
            return (null, Outcome.From(refusals));
        }

        var (payment, outcome) = Payment.Receive(clientId!, input.Amount ?? 0, method!.Value, receivedOn, input.Reference,
            [.. wanted.Select(a => (invoices[a.InvoiceId], a.Amount))], clock.Now);
        if (payment is null)
        {
            return (null, outcome);
        }

        db.Payments.Add(payment);
        return await SavedAsync(ct) ?? (PaymentDto.From(payment), Outcome.Done);
    }

    /// <summary>Refunds from a payment: its unapplied part first, then what it paid on invoices, which open again.</summary>
    public async Task<(PaymentDto? Refund, Outcome Outcome)> RefundAsync(string paymentId, RefundInput input, CancellationToken ct)
    {
        var visible = await caseloads.ClientsAsync(ct);
        var payment = await db.Payments.Include(p => p.Allocations)
            .FirstOrDefaultAsync(p => p.Id == paymentId && visible.Any(c => c.Id == p.ClientId), ct);
        if (payment is null || payment.IsRefund)
        {
            return (null, new Refusal("not-found", "No such payment."));
        }

        var amount = input.Amount ?? 0;
        var earlier = await db.Payments.AsNoTracking().Where(p => p.RefundOf == payment.Id).ToListAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var toTakeBack = amount - Math.Max(0, payment.Unapplied + earlier.Sum(r => r.Amount));
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
        var (refund, outcome) = payment.Refund(amount, input.Reference, earlier, today, clock.Now);
        if (refund is null)
        {
            return (null, outcome);
        }

        db.Payments.Add(refund);
        if (await SavedAsync(ct) is { } conflict)
        {
            return conflict;
        }

        await transaction.CommitAsync(ct);
        return (PaymentDto.From(refund), Outcome.Done);
    }

    public async Task<(InvoiceDto? Invoice, Outcome Outcome)> VoidAsync(string invoiceId, string? reason, CancellationToken ct)
    {
        var invoice = await (await VisibleInvoicesAsync(ct)).Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null)
        {
            return (null, NoInvoice);
        }

        var outcome = invoice.Void(reason ?? "");
        if (!outcome.Succeeded)
        {
            return (null, outcome);
        }

        await db.SaveChangesAsync(ct);
        return (InvoiceDto.From(invoice), Outcome.Done);
    }

    /// <summary>Saves; null when saved, else the refusal for a change someone made to the same invoice or payment meanwhile.</summary>
    private async Task<(PaymentDto?, Outcome)?> SavedAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, new Refusal("concurrent-change", "Another payment or refund was recorded at the same moment. Reload and try again."));
        }
    }

    private async Task<IQueryable<Invoice>> VisibleInvoicesAsync(CancellationToken ct)
    {
        var clients = await caseloads.ClientsAsync(ct);
        return db.Invoices.Where(i => clients.Any(c => c.Id == i.ClientId));
    }

    public static PaymentMethod? ParseMethod(string? method) => method?.ToLowerInvariant() switch
    {
        "card" => PaymentMethod.Card,
        "cash" => PaymentMethod.Cash,
        "check" => PaymentMethod.Check,
        "other" => PaymentMethod.Other,
        _ => null,
    };
}
