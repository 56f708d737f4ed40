using System.Globalization;
using System.Text;
using Caseload.Domain.Billing;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Billing;

/// <summary>Amounts owed, split by how long they have been owed (days since the service).</summary>
public sealed record Ageing(decimal Current, decimal Days31To60, decimal Days61To90, decimal Over90)
{
    public decimal Total => Current + Days31To60 + Days61To90 + Over90;

    public static Ageing Of(IEnumerable<(LocalDate ServiceDate, decimal Amount)> owed, LocalDate today)
    {
        decimal[] buckets = [0, 0, 0, 0];
        foreach (var (date, amount) in owed)
        {
            var days = Period.Between(date, today, PeriodUnits.Days).Days;
            buckets[days <= 30 ? 0 : days <= 60 ? 1 : days <= 90 ? 2 : 3] += amount;
        }

        return new Ageing(buckets[0], buckets[1], buckets[2], buckets[3]);
    }
}

public sealed record OwedBy(string Id, string Name, Ageing Ageing);

public sealed record Outstanding(IReadOnlyList<OwedBy> Clients, IReadOnlyList<OwedBy> Payers, Ageing ClientTotal, Ageing PayerTotal);

/// <summary>The practice's billing overview and the claims export, over the clients the asker may see.</summary>
public sealed class BillingReports(CaseloadDbContext db, Caseloads caseloads, Clock clock)
{
    /// <summary>Column headings named after the CMS-1500 form boxes a clearinghouse maps them to.</summary>
    public static readonly string[] ClaimColumns =
    [
        "1a Insured's ID Number", "2 Patient's Name", "3 Patient's Birth Date", "11c Insurance Plan Name",
        "24A Date of Service", "24B Place of Service", "24D Procedure (CPT)", "24F Charges", "24G Units",
        "24J Rendering Provider", "26 Patient's Account No", "29 Amount Paid",
    ];

    public async Task<Outstanding> OutstandingAsync(CancellationToken ct)
    {
        var today = await db.TodayAsync(clock, ct);
        var clients = await caseloads.ClientsAsync(ct);
        var open = await db.Invoices.AsNoTracking()
            .Where(i => i.Status != InvoiceStatus.Void && clients.Any(c => c.Id == i.ClientId))
            .Select(i => new { i.ClientId, i.ServiceDate, i.ClientOwes, i.ClientPaid, i.PayerOwes, i.Payer })
            .ToListAsync(ct);
        var names = await clients.AsNoTracking().Select(c => new { c.Id, Name = c.LastName + ", " + c.FirstName }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);

        var byClient = open.Where(i => i.ClientOwes - i.ClientPaid > 0).GroupBy(i => i.ClientId)
            .Select(g => new OwedBy(g.Key, names[g.Key], Ageing.Of(g.Select(i => (i.ServiceDate, i.ClientOwes - i.ClientPaid)), today)))
            .OrderByDescending(o => o.Ageing.Total).ToList();
        var byPayer = open.Where(i => i.Payer is not null && i.PayerOwes > 0).GroupBy(i => i.Payer!)
            .Select(g => new OwedBy(g.Key, g.Key, Ageing.Of(g.Select(i => (i.ServiceDate, i.PayerOwes)), today)))
            .OrderByDescending(o => o.Ageing.Total).ToList();
        return new Outstanding(byClient, byPayer, Sum(byClient), Sum(byPayer));
    }

    /// <summary>One CSV row per claim line of insured sessions served in the range, never a missed-session charge.</summary>
    public async Task<string> ClaimsCsvAsync(LocalDate from, LocalDate to, CancellationToken ct)
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
                    Amount(line.Fee), "1", row.Clinician.Trim(), InvoiceDto.NumberOf(row.Invoice), Amount(row.Invoice.ClientPaid),
                ];
                csv.AppendLine(string.Join(',', cells.Select(Quote)));
            }
        }

        return csv.ToString();
    }

    private static Ageing Sum(List<OwedBy> owed) => new(
        owed.Sum(o => o.Ageing.Current), owed.Sum(o => o.Ageing.Days31To60), owed.Sum(o => o.Ageing.Days61To90), owed.Sum(o => o.Ageing.Over90));

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
