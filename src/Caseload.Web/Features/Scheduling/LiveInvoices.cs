using Caseload.Domain.Billing;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Scheduling;

internal static class LiveInvoices
{
    /// <summary>The client's invoice of this kind for the appointment that is not void, tracked for a change.</summary>
    public static Task<Invoice?> LiveAsync(this DbSet<Invoice> invoices, string appointmentId, string clientId, InvoiceKind kind, CancellationToken ct) =>
        invoices.FirstOrDefaultAsync(i => i.AppointmentId == appointmentId && i.ClientId == clientId && i.Kind == kind
            && i.Status != InvoiceStatus.Void, ct);
}
