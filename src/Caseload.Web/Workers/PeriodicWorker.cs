namespace Caseload.Web.Workers;

/// <summary>
/// Background work every app instance runs on a timer (from the injected clock, so tests turn it).
/// A failed run is logged and the next tick tries again: what is due is read from the database each time.
/// </summary>
public abstract partial class PeriodicWorker(TimeSpan every, TimeProvider time, ILogger log) : BackgroundService
{
    /// <summary>Does everything due now; returns how much it did.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RunFailed(log, e, GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Error, "{Worker} failed; it runs again at the next tick.")]
    private static partial void RunFailed(ILogger logger, Exception exception, string worker);
}
