using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Billing.Insurance;

/// <summary>A batch as the pages show it, its times on the practice's clock.</summary>
public sealed record ClaimBatchSummary(int Number, LocalDateTime CreatedAt, LocalDateTime? DownloadedAt, int Claims, decimal Total);

/// <summary>The batches the practice has made, newest first, for the pages: what went out when, and whether its file was taken.</summary>
public sealed class ClaimBatches(CaseloadDbContext db)
{
    public const int Recent = 10;

    public async Task<IReadOnlyList<ClaimBatchSummary>> RecentAsync(CancellationToken ct) => await ReadAsync(null, ct);

    public async Task<ClaimBatchSummary?> FindAsync(int number, CancellationToken ct) => await ReadAsync(number, ct) is [var batch] ? batch : null;

    private async Task<IReadOnlyList<ClaimBatchSummary>> ReadAsync(int? number, CancellationToken ct)
    {
        var zone = (await db.PracticeAsync(ct)).Zone;
        var query = db.ClaimBatches.AsNoTracking();
        if (number is { } wanted)
        {
            query = query.Where(b => b.Number == wanted);
        }

        var batches = await query.OrderByDescending(b => b.Number).Take(Recent).Select(b => new { b.Number, b.CreatedAt, b.DownloadedAt }).ToListAsync(ct);
        var numbers = batches.Select(b => (int?)b.Number).ToList();
        // Summed here: SQLite keeps decimals as text and cannot sum them in a query.
        var totals = (await db.Claims.AsNoTracking().Where(c => numbers.Contains(c.BatchNumber)).Select(c => new { c.BatchNumber, c.Total }).ToListAsync(ct))
            .GroupBy(c => c.BatchNumber!.Value).ToDictionary(g => g.Key, g => new { Count = g.Count(), Total = g.Sum(c => c.Total) });
        return [.. batches.Select(b => new ClaimBatchSummary(b.Number, b.CreatedAt.InZone(zone).LocalDateTime, b.DownloadedAt?.InZone(zone).LocalDateTime,
            totals.GetValueOrDefault(b.Number)?.Count ?? 0, totals.GetValueOrDefault(b.Number)?.Total ?? 0))];
    }
}
