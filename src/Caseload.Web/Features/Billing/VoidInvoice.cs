using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Billing;

public sealed record VoidInvoiceCommand(string InvoiceId, string? Reason);

/// <summary>Voids an unpaid invoice, with the reason kept on it; only of clients the asker may see.</summary>
public sealed class VoidInvoice(CaseloadDbContext db, Caseloads caseloads, CurrentStaff staff, AuditTrail audit)
{
    public async Task<Outcome<InvoiceView>> HandleAsync(VoidInvoiceCommand command, CancellationToken ct)
    {
        if (!staff.Satisfies(Policies.ManagesBilling))
        {
            return Refusal.Forbidden("Only billers and administrators void invoices.");
        }

        var invoice = await (await caseloads.InvoicesAsync(db, ct)).Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == command.InvoiceId, ct);
        if (invoice is null)
        {
            return Refusal.NotFound("No such invoice.");
        }

        if (await db.Claims.AnyAsync(c => c.InvoiceId == invoice.Id && c.Paid != 0, ct))
        {
            return new Refusal(RefusalCodes.ClaimPaid, "The payer paid on this invoice's claim: record the payer's takeback first.");
        }

        var outcome = invoice.Void(command.Reason ?? "");
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.Change, AuditEntities.Invoice, invoice.Id, invoice.ClientId, ct, "voided");
        return InvoiceView.From(invoice);
    }
}
