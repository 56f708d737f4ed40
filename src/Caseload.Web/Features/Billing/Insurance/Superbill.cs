using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Domain.Insurance;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Billing.Insurance;

/// <summary>One service on a superbill: what a payer needs to reimburse a client who files the claim themself.</summary>
public sealed record SuperbillLine(
    LocalDate Date, string ServiceCode, string Description, string? Modifier, string PlaceOfService, string RenderingProvider, string? RenderingNpi,
    decimal Fee, decimal ClientPaid);

/// <summary>
/// A superbill: the practice (billing provider, NPI, tax id), the client, their diagnoses and every session served in the
/// period with its code, place and fee, and what the client paid. One per client per period; the printable page is made from it.
/// </summary>
[FeatureApi]
public sealed record SuperbillView(
    BillingIdentity Practice,
    string PracticePhone,
    string ClientId,
    string ClientName,
    LocalDate ClientDateOfBirth,
    string? Payer,
    string? MemberId,
    IReadOnlyList<string> DiagnosisCodes,
    LocalDate From,
    LocalDate To,
    IReadOnlyList<SuperbillLine> Lines)
{
    public decimal TotalFees => Lines.Sum(l => l.Fee);

    public decimal TotalPaid => Lines.Sum(l => l.ClientPaid);
}

/// <summary>The superbill of one client for a period, over the clients the asker may see; audited as a read of the client's billing.</summary>
[FeatureApi]
public sealed class Superbill(CaseloadDbContext db, Caseloads caseloads, AuditTrail audit)
{
    /// <summary>At most a year and a day: a superbill covers a month, a quarter or a year.</summary>
    public const int MostDays = 366;

    public async Task<Outcome<SuperbillView>> ForAsync(string clientId, LocalDate from, LocalDate to, CancellationToken ct)
    {
        if (to < from || Period.Between(from, to, PeriodUnits.Days).Days > MostDays)
        {
            return Refusal.Invalid("to", $"Give a period from one day to {MostDays} days, ending on or after its start.");
        }

        var client = await (await caseloads.ClientsAsync(ct)).AsNoTracking().FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return Refusal.NotFound("No such client.");
        }

        var practice = await db.PracticeAsync(ct);
        var rows = await db.Invoices.AsNoTracking()
            .Where(i => i.ClientId == clientId && i.Kind == InvoiceKind.Service && i.Status != InvoiceStatus.Void && i.ServiceDate >= from && i.ServiceDate <= to)
            .Join(db.Appointments, i => i.AppointmentId, a => a.Id, (i, a) => new { Invoice = i, a.ClinicianId })
            .Join(db.Clinicians, x => x.ClinicianId, c => c.Id, (x, c) => new { x.Invoice, c.DisplayName, c.Credentials, c.Npi })
            .OrderBy(x => x.Invoice.ServiceDate).ThenBy(x => x.Invoice.Id)
            .ToListAsync(ct);
        var invoiceIds = rows.Select(r => r.Invoice.Id).ToList();
        var invoiceLines = (await db.Set<InvoiceLine>().AsNoTracking().Where(l => invoiceIds.Contains(l.InvoiceId) && l.ServiceCode != null).ToListAsync(ct))
            .ToLookup(l => l.InvoiceId);
        var lines = rows.SelectMany(r => invoiceLines[r.Invoice.Id].Select(l => new SuperbillLine(
            r.Invoice.ServiceDate, l.ServiceCode!, l.Description, r.Invoice.PlaceOfService == Invoice.OfficePlace ? null : Claim.TelehealthModifier,
            r.Invoice.PlaceOfService, $"{r.DisplayName} {r.Credentials}".Trim(), r.Npi, l.Fee, r.Invoice.ClientPaid))).ToList();
        await audit.ReadAsync(AuditEntities.Invoice, "superbill", clientId, ct, $"superbill {from:uuuu-MM-dd}..{to:uuuu-MM-dd}, {lines.Count} services");
        return new SuperbillView(practice.BillingIdentity, practice.Phone, client.Id, client.FullName, client.DateOfBirth, client.Billing.Payer,
            client.Billing.MemberId, client.Coverage.DiagnosisCodes, from, to, lines);
    }
}
