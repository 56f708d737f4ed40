using System.Globalization;
using System.Text;
using Caseload.Domain.Billing;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Billing;

/// <summary>The claims export: a CSV of the claim lines of insured sessions, over the clients the asker may see.</summary>
public sealed class ClaimsExport(CaseloadDbContext db, Caseloads caseloads, AuditTrail audit)
{
    /// <summary>Column headings named after the CMS-1500 form boxes a clearinghouse maps them to.</summary>
    public static readonly string[] ClaimColumns =
    [
        "1a Insured's ID Number", "2 Patient's Name", "3 Patient's Birth Date", "11c Insurance Plan Name",
        "24A Date of Service", "24B Place of Service", "24D Procedure (CPT)", "24F Charges", "24G Units",
        "24J Rendering Provider", "26 Patient's Account No", "29 Amount Paid",
    ];

    /// <summary>One CSV row per claim line of insured sessions served in the range, never a missed-session charge.</summary>
    public async Task<string> CsvAsync(LocalDate from, LocalDate to, CancellationToken ct)
    {
        var clients = await caseloads.ClientsAsync(ct);
        var rows = await db.Invoices.AsNoTracking()
            .Where(i => i.Kind == InvoiceKind.Service && i.Status != InvoiceStatus.Void && i.Payer != null)
            .Where(i => i.ServiceDate >= from && i.ServiceDate <= to)
            .Join(clients, i => i.ClientId, c => c.Id, (i, c) => new { Invoice = i, Client = c })
            .Join(db.Appointments, x => x.Invoice.AppointmentId, a => a.Id, (x, a) => new { x.Invoice, x.Client, a.ClinicianId })
            .Join(db.Clinicians, x => x.ClinicianId, c => c.Id, (x, c) => new { x.Invoice, x.Client, Clinician = c.DisplayName + " " + c.Credentials })
            .OrderBy(x => x.Invoice.ServiceDate).ThenBy(x => x.Invoice.Id)
            .ToListAsync(ct);
        var lines = await db.Set<InvoiceLine>().AsNoTracking()
            .Where(l => rows.Select(r => r.Invoice.Id).Contains(l.InvoiceId)).ToListAsync(ct);

        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', ClaimColumns.Select(Quote)));
        foreach (var row in rows)
        {
            foreach (var line in lines.Where(l => l.InvoiceId == row.Invoice.Id && l.PayerOwes > 0))
            {
                string[] cells =
                [
                    row.Invoice.MemberId ?? "", $"{row.Client.LastName}, {row.Client.FirstName}", LocalDatePattern.Iso.Format(row.Client.DateOfBirth),
                    row.Invoice.Payer ?? "", LocalDatePattern.Iso.Format(row.Invoice.ServiceDate), row.Invoice.PlaceOfService, line.ServiceCode ?? "",
                    Amount(line.Fee), "1", row.Clinician.Trim(), InvoiceView.NumberOf(row.Invoice.Id), Amount(row.Invoice.ClientPaid),
                ];
                csv.AppendLine(string.Join(',', cells.Select(Quote)));
            }
        }

        // One export entry per client in the file, so each client's trail shows that their claims left the practice.
        await audit.RecordForClientsAsync(AuditActions.Export, AuditEntities.Claim, "claims.csv",
            rows.Select(r => (string?)r.Client.Id), ct, $"claims CSV {from:uuuu-MM-dd}..{to:uuuu-MM-dd}, {rows.Count} invoices");
        return csv.ToString();
    }

    private static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs a cell as a formula.</summary>
    private static string Quote(string cell)
    {
        if (cell.Length > 0 && "=+-@".Contains(cell[0], StringComparison.Ordinal))
        {
            cell = "'" + cell;
        }

        return $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
