using Caseload.Web.Data;
using Caseload.Web.Setup;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Workers;

/// <summary>Takes or renews a lease with one conditional UPDATE, which the database serialises.</summary>
public sealed class Leases(CaseloadDbContext db, Metrics metrics)
{
    /// <summary>This app instance, for the lease's holder.</summary>
    public static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public async Task<bool> TryTakeAsync(string name, Instant now, Duration length, CancellationToken ct)
    {
        if (!await db.Leases.AnyAsync(l => l.Name == name, ct))
        {
            db.Leases.Add(new Lease { Name = name, ExpiresAt = Instant.MinValue });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance made the row at the same moment: the update below decides.
            }

            db.ChangeTracker.Clear();
        }

        var until = now + length;
        var taken = await db.Leases
            .Where(l => l.Name == name && (l.ExpiresAt < now || l.Holder == Instance))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, Instance).SetProperty(l => l.ExpiresAt, until), ct);
        if (taken == 0)
        {
            metrics.ClaimConflict(name);
        }

        return taken == 1;
    }
}
