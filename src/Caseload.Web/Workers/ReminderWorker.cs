using Caseload.Web.Features.Reminders;

namespace Caseload.Web.Workers;

/// <summary>
/// Sends due reminders every half minute. Every instance runs it: each reminder is claimed by one
/// of them only, so several instances share the work without sending anything twice.
/// </summary>
public sealed class ReminderWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<ReminderWorker> log)
    : PeriodicWorker(Every, time, log)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    /// <summary>Sends everything due now, in batches; returns how many were sent.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var sent = 0;
        int batch;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            batch = await scope.ServiceProvider.GetRequiredService<ReminderDispatch>().SendDueAsync(100, ct);
            sent += batch;
        }
        while (batch > 0 && !ct.IsCancellationRequested);

        return sent;
    }
}
