using Caseload.Domain.Billing;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Billing;

public sealed record InvoiceLineView(string Description, string? ServiceCode, decimal Fee, decimal ClientOwes, decimal PayerOwes);

/// <summary>An invoice with what has been paid and what is still owed.</summary>
[FeatureApi]
public sealed record InvoiceView(
    string Id,
    string Number,
    string ClientId,
    string AppointmentId,
    InvoiceKind Kind,
    InvoiceStatus Status,
    LocalDate IssuedOn,
    LocalDate ServiceDate,
    decimal Total,
    decimal ClientOwes,
    decimal PayerOwes,
    decimal ClientPaid,
    decimal Balance,
    string? Payer,
    string? MemberId,
    string PlaceOfService,
    string? VoidReason,
    IReadOnlyList<InvoiceLineView> Lines)
{
    public static InvoiceView From(Invoice i) => new(
        i.Id, NumberOf(i.Id), i.ClientId, i.AppointmentId, i.Kind, i.Status, i.IssuedOn, i.ServiceDate,
        i.Total, i.ClientOwes, i.PayerOwes, i.ClientPaid, i.ClientBalance, i.Payer, i.MemberId, i.PlaceOfService, i.VoidReason,
        [.. i.Lines.Select(l => new InvoiceLineView(l.Description, l.ServiceCode, l.Fee, l.ClientOwes, l.PayerOwes))]);

    /// <summary>A short number people can say on the phone: the invoice id's last eight characters, upper case.</summary>
    public static string NumberOf(string invoiceId) => "INV-" + invoiceId[^8..].ToUpperInvariant();
}

/// <summary>Invoices, by client or appointment or one at a time; only of clients the asker may see.</summary>
[FeatureApi]
public sealed class InvoiceList(CaseloadDbContext db, Caseloads caseloads, AuditTrail audit)
{
    /// <summary>
    /// The invoices of a client, of an appointment, of both or (neither given) all visible ones, oldest service first.
    /// Audited: one read per client whose invoices are listed, or one read naming the query for the whole list.
    /// </summary>
    public async Task<IReadOnlyList<InvoiceView>> ForAsync(string? clientId, string? appointmentId, CancellationToken ct)
    {
        var invoices = await UnauditedAsync(clientId, appointmentId, ct);
        var detail = $"invoice list: clientId={clientId} appointmentId={appointmentId} shown={invoices.Count}";
        await audit.ReadAsync(AuditEntities.Invoice, "list",
            clientId is null && appointmentId is null ? [] : invoices.Select(i => (string?)i.ClientId), ct, detail);
        return invoices;
    }

    /// <summary>For a read that audits itself (the ledger).</summary>
    internal async Task<IReadOnlyList<InvoiceView>> UnauditedAsync(string? clientId, string? appointmentId, CancellationToken ct)
    {
        var query = await caseloads.InvoicesAsync(db, ct);
        if (clientId is not null)
        {
            query = query.Where(i => i.ClientId == clientId);
        }

        if (appointmentId is not null)
        {
            query = query.Where(i => i.AppointmentId == appointmentId);
        }

        var invoices = await query.AsNoTracking().Include(i => i.Lines).OrderBy(i => i.ServiceDate).ThenBy(i => i.Id).ToListAsync(ct);
        return [.. invoices.Select(InvoiceView.From)];
    }

    public async Task<InvoiceView?> FindAsync(string id, CancellationToken ct)
    {
        var invoice = await (await caseloads.InvoicesAsync(db, ct)).AsNoTracking().Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null)
        {
            return null;
        }

        await audit.ReadAsync(AuditEntities.Invoice, invoice.Id, invoice.ClientId, ct);
        return InvoiceView.From(invoice);
    }
}
