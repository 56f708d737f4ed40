using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Billing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Portal.Sessions;

/// <summary>
/// One of the client's invoices as they see it: what they are billed (their share; an insurer's is not theirs to pay),
/// what they paid and still owe. The description says only what kind of session it was: no service code, no
/// diagnosis, no group name.
/// </summary>
public sealed record MyInvoice(
    string Id, string Number, LocalDate IssuedOn, LocalDate SessionDate, string Description, decimal Amount, decimal Paid, decimal Balance,
    InvoiceStatus Status);

/// <summary>The client's own invoices, newest first, void ones included (marked) so that none they saw ever disappears.</summary>
public sealed class MyInvoices(CaseloadDbContext db, PortalClients clients, AuditTrail audit)
{
    public async Task<Outcome<List<MyInvoice>>> HandleAsync(string clientId, CancellationToken ct)
    {
        if (await clients.FindAsync(clientId, ct) is not { } client)
        {
            return Refusal.NotFound("No such client.");
        }

        var invoices = await ListAsync(clientId, ct);
        await audit.RecordAsync(
            [new AuditEvent(AuditActions.Read, AuditEntities.Invoice, "portal:invoices", clientId, $"own invoices: {invoices.Count} shown")],
            ct, client.Actor);
        return invoices;
    }

    /// <summary>The client's invoices, newest first, for a read that audits itself.</summary>
    internal async Task<List<MyInvoice>> ListAsync(string clientId, CancellationToken ct)
    {
        var rows = await (
                from i in db.Invoices.AsNoTracking()
                where i.ClientId == clientId
                join a in db.Appointments on i.AppointmentId equals a.Id
                orderby i.IssuedOn descending, i.Id descending
                select new
                {
                    Invoice = i,
                    a.Kind,
                    ClientTitle = db.Groups.Where(g => g.Id == a.GroupId).Select(g => g.ClientTitle).FirstOrDefault(),
                })
            .ToListAsync(ct);
        return [.. rows.Select(r => new MyInvoice(
            r.Invoice.Id, InvoiceView.NumberOf(r.Invoice.Id), r.Invoice.IssuedOn, r.Invoice.ServiceDate,
            DescriptionOf(r.Invoice.Kind, r.Kind, r.ClientTitle), r.Invoice.ClientOwes, r.Invoice.ClientPaid, r.Invoice.ClientBalance, r.Invoice.Status))];
    }

    public static string DescriptionOf(InvoiceKind invoice, AppointmentKind session, string? groupClientTitle) =>
        invoice == InvoiceKind.Missed
            ? $"Missed or late-cancelled session: {PortalClients.TitleOf(session, groupClientTitle)}"
            : PortalClients.TitleOf(session, groupClientTitle);
}
