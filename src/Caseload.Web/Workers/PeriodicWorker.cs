using System.Diagnostics;
using Caseload.Web.Setup;

namespace Caseload.Web.Workers;

/// <summary>
/// Background work every app instance runs on a timer (from the injected clock, so tests turn it).
/// A failed run is logged and the next tick tries again: what is due is read from the database each time.
/// Each run is an activity of its own (a trace of its database work) and is noted in <see cref="WorkerStates"/>
/// for the System page.
/// </summary>
public abstract partial class PeriodicWorker(TimeSpan every, TimeProvider time, ILogger log, WorkerStates states) : BackgroundService
{
    private string Name => GetType().Name;

    /// <summary>Does everything due now; returns how much it did.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        using var activity = Telemetry.Workers.StartActivity(Name);
        states.Started(Name, every);
        try
        {
            var done = await RunAsync(ct);
            states.Succeeded(Name, done);
            activity?.SetTag("caseload.worker.done", done);
            return done;
        }
        catch (Exception e)
        {
            states.Failed(Name);
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    /// <summary>The work of one run; returns how much it did.</summary>
    protected abstract Task<int> RunAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        states.Known(Name, every);
        using var timer = new PeriodicTimer(every, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RunFailed(log, e, Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Error, "{Worker} failed; it runs again at the next tick.")]
    private static partial void RunFailed(ILogger logger, Exception exception, string worker);
}
