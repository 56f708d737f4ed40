using Caseload.Domain.Billing;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

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

/// <summary>
/// The practice's billing overview: what clients and payers owe, by age, over the clients the asker may see.
/// Audited: one read naming each client listed as owing, in one append.
/// </summary>
public sealed class OutstandingBalances(CaseloadDbContext db, Caseloads caseloads, Clock clock, AuditTrail audit)
{
    public async Task<Outstanding> ReadAsync(CancellationToken ct)
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
        var byPayer = (await PayerOwedAsync(clients, ct)).Where(o => o.Amount > 0).GroupBy(o => o.Payer)
            .Select(g => new OwedBy(g.Key, g.Key, Ageing.Of(g.Select(o => (o.ServiceDate, o.Amount)), today)))
            .OrderByDescending(o => o.Ageing.Total).ToList();
        await audit.ReadAsync(AuditEntities.Invoice, "outstanding", byClient.Select(o => (string?)o.Id), ct,
            $"outstanding balances: clients={byClient.Count} payers={byPayer.Count}");
        return new Outstanding(byClient, byPayer, Sum(byClient), Sum(byPayer));
    }

    /// <summary>
    /// What each payer still owes, by invoice: its share of the invoice less what it paid on the claim, while the claim
    /// waits for the payer; nothing once the payer has decided (paid or denied: what it did not pay is written off or
    /// moved to the client) or the claim is void. An insured invoice without a claim counts its payer share whole.
    /// </summary>
    private async Task<List<(string Payer, LocalDate ServiceDate, decimal Amount)>> PayerOwedAsync(IQueryable<Domain.Clients.Client> clients, CancellationToken ct)
    {
        var rows = await db.Invoices.AsNoTracking()
            .Where(i => i.Status != InvoiceStatus.Void && i.Payer != null && clients.Any(c => c.Id == i.ClientId))
            .Select(i => new
            {
                Payer = i.Payer!,
                i.ServiceDate,
                i.PayerOwes,
                Claim = db.Claims.Where(c => c.InvoiceId == i.Id).Select(c => new { c.State, c.Paid }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => (r.Payer, r.ServiceDate, r.Claim is null ? r.PayerOwes
            : r.Claim.State is Domain.Insurance.ClaimState.Open or Domain.Insurance.ClaimState.Submitted ? Math.Max(0, r.PayerOwes - r.Claim.Paid) : 0m))];
    }

    private static Ageing Sum(List<OwedBy> owed) => new(
        owed.Sum(o => o.Ageing.Current), owed.Sum(o => o.Ageing.Days31To60), owed.Sum(o => o.Ageing.Days61To90), owed.Sum(o => o.Ageing.Over90));
}
