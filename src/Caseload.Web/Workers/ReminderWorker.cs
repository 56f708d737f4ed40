using Caseload.Web.Features.Reminders;
using Caseload.Web.Setup;

namespace Caseload.Web.Workers;

/// <summary>
/// Sends due reminders every half minute (<c>Caseload:Workers:Reminders</c>, a time span, says otherwise).
/// Every instance runs it: each reminder is claimed by one dispatcher only, so several instances share
/// the work without sending anything twice.
/// </summary>
public sealed class ReminderWorker(
    IServiceScopeFactory scopes, TimeProvider time, IConfiguration config, ILogger<ReminderWorker> log, WorkerStates states)
    : PeriodicWorker(config.GetValue("Caseload:Workers:Reminders", Every), time, log, states)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    /// <summary>At most this many dispatchers per instance at once, each with its own SMTP connection and database context.</summary>
    public const int Connections = 4;

    /// <summary>
    /// Sends everything due now: one dispatcher per batch due, up to <see cref="Connections"/>, each
    /// claiming batch after batch until none is left; returns how many were sent.
    /// </summary>
    protected override async Task<int> RunAsync(CancellationToken ct)
    {
        int due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<ReminderDispatch>().SettleAsync(ct);
        }

        var dispatchers = Math.Min(Connections, (due + ReminderDispatch.BatchSize - 1) / ReminderDispatch.BatchSize);
        var sent = await Task.WhenAll(Enumerable.Range(0, dispatchers).Select(_ => DispatchAsync(ct)));
        return sent.Sum();
    }

    private async Task<int> DispatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var dispatch = scope.ServiceProvider.GetRequiredService<ReminderDispatch>();
        var sent = 0;
        while (true)
        {
            var (claimed, batchSent) = await dispatch.SendBatchAsync(ct);
            sent += batchSent;
            if (claimed == 0)
            {
                if (sent == 0)
                {
                    // Sent out for reminders that were due and found none left: another instance claimed them first.
                    scope.ServiceProvider.GetRequiredService<Metrics>().ClaimConflict("reminders");
                }

                return sent;
            }
        }
    }
}
