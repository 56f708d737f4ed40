using Caseload.Domain.Billing;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Billing;

/// <summary>Part of a payment applied to one invoice; negative where a refund took it back.</summary>
public sealed record AllocationView(string InvoiceId, decimal Amount);

/// <summary>A payment (or, negative, a refund) with what of it is still the client's credit.</summary>
public sealed record PaymentView(
    string Id, string ClientId, decimal Amount, PaymentMethod Method, LocalDate ReceivedOn, string? Reference, decimal Unapplied,
    IReadOnlyList<AllocationView> Allocations)
{
    public static PaymentView From(Payment p) => new(p.Id, p.ClientId, p.Amount, p.Method, p.ReceivedOn, p.Reference, p.Unapplied,
        [.. p.Allocations.Select(a => new AllocationView(a.InvoiceId, a.Amount))]);
}

/// <summary>The session an invoice is for: when it was, and in which group (null for an individual session).</summary>
public sealed record LedgerSession(string AppointmentId, LocalDateTime Start, Instant StartsAt, string? GroupId, string? GroupName);

/// <summary>
/// What a client owes on invoices, their credit, and the balance of the two; with the session of each
/// invoice, by appointment id, so a line of money reads in the context of the session it is for.
/// </summary>
public sealed record LedgerView(
    string ClientId,
    decimal Owed,
    decimal Credit,
    decimal Balance,
    IReadOnlyList<InvoiceView> Invoices,
    IReadOnlyList<PaymentView> Payments,
    IReadOnlyDictionary<string, LedgerSession> Sessions)
{
    public LedgerSession? SessionOf(InvoiceView invoice) => Sessions.GetValueOrDefault(invoice.AppointmentId);
}

/// <summary>A client's ledger: invoices, payments, credit and balance; only of clients the asker may see.</summary>
public sealed class ClientLedger(CaseloadDbContext db, Caseloads caseloads, InvoiceList invoices, AuditTrail audit)
{
    public async Task<LedgerView?> FindAsync(string clientId, CancellationToken ct)
    {
        if (!await (await caseloads.ClientsAsync(ct)).AnyAsync(c => c.Id == clientId, ct))
        {
            return null;
        }

        var billed = await invoices.UnauditedAsync(clientId, null, ct);
        var payments = await db.Payments.AsNoTracking().Include(p => p.Allocations).Where(p => p.ClientId == clientId)
            .OrderBy(p => p.ReceivedOn).ThenBy(p => p.RecordedAt).ToListAsync(ct);
        var appointmentIds = billed.Select(i => i.AppointmentId).Distinct().ToList();
        var sessions = await db.Appointments.AsNoTracking().Where(a => appointmentIds.Contains(a.Id))
            .Select(a => new LedgerSession(a.Id, a.Start, a.StartsAt, a.GroupId, db.Groups.Where(g => g.Id == a.GroupId).Select(g => g.Name).FirstOrDefault()))
            .ToDictionaryAsync(s => s.AppointmentId, ct);
        var owed = billed.Where(i => i.Status != InvoiceStatus.Void).Sum(i => i.Balance);
        var credit = payments.Sum(p => p.Unapplied);
        await audit.ReadAsync(AuditEntities.Invoice, "ledger", clientId, ct, $"ledger: {billed.Count} invoices, {payments.Count} payments");
        return new LedgerView(clientId, owed, credit, owed - credit, billed, [.. payments.Select(PaymentView.From)], sessions);
    }
}
