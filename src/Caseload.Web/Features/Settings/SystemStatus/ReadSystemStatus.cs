using Caseload.Web.Data;
using Caseload.Web.Setup;
using Caseload.Web.Workers;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Settings.SystemStatus;

/// <summary>One worker as this instance sees it, with the lease (if it takes one) as the database holds it.</summary>
public sealed record WorkerStatus(
    string Worker,
    string Does,
    TimeSpan Every,
    Instant? LastRun,
    Instant? LastSuccess,
    Instant? LastFailure,
    int? LastDone,
    bool RunningNow,
    Instant? NextRun,
    string? LeaseHolder,
    Instant? LeaseExpiresAt,
    bool LeaseHeldHere);

/// <summary>What an administrator checks when something seems stuck: no client data, only counts, times and the app's own words.</summary>
public sealed record SystemStatusView(
    string Instance,
    string Version,
    string Database,
    string? SchemaVersion,
    string LatestMigration,
    int PendingMigrations,
    IReadOnlyList<WorkerStatus> Workers,
    QueueDepth Queues,
    Duration InvoiceIssuingLag,
    IReadOnlyList<RecentError> Errors,
    Instant ReadAt,
    DateTimeZone Zone);

/// <summary>
/// Reads the System page: each worker's last run (from this instance's memory) and lease (from the database), the
/// queues, this instance's last errors, the build's version and the database's schema version (its last migration).
/// </summary>
[FeatureApi]
public sealed class ReadSystemStatus(CaseloadDbContext db, WorkQueues queues, WorkerStates states, RecentErrors errors, Clock clock)
{
    private sealed record Known(string Worker, string Does, TimeSpan Every, string? Lease);

    private static readonly Known[] Workers =
    [
        new(nameof(InvoiceWorker), "Issues the invoices of sessions whose day has come; one instance at a time, under a lease.", InvoiceWorker.Every, InvoiceWorker.Lease),
        new(nameof(ReminderWorker), "Sends due reminders; every instance, each reminder claimed by one.", ReminderWorker.Every, null),
    ];

    public async Task<SystemStatusView> HandleAsync(CancellationToken ct)
    {
        var now = clock.Now;
        var practice = await db.PracticeAsync(ct);
        var leases = await db.Leases.AsNoTracking().ToDictionaryAsync(l => l.Name, ct);
        var ran = states.All.ToDictionary(s => s.Worker, StringComparer.Ordinal);
        var workers = Workers.Select(w =>
        {
            var state = ran.GetValueOrDefault(w.Worker);
            var lease = w.Lease is null ? null : leases.GetValueOrDefault(w.Lease);
            var held = lease is not null && lease.ExpiresAt > now ? lease : null;
            return new WorkerStatus(w.Worker, w.Does, w.Every, state?.LastStarted, state?.LastSucceeded, state?.LastFailed, state?.LastDone,
                state?.Running > 0, state?.NextRun, held?.Holder, held?.ExpiresAt, held?.Holder == Leases.Instance);
        }).ToList();

        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        var known = db.Database.GetMigrations().ToList();
        var depth = await queues.ReadAsync(ct);
        return new SystemStatusView(Leases.Instance, Telemetry.Version, db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite",
            applied.LastOrDefault(), known[^1], known.Except(applied).Count(), workers, depth, depth.InvoiceIssuingLag(now),
            errors.All, now, practice.Zone);
    }
}
