using System.Collections.Concurrent;
using NodaTime;

namespace Caseload.Web.Workers;

/// <summary>What one worker did last in this instance: kept in memory, so each instance tells of its own runs.</summary>
/// <param name="Worker">The worker's name, such as <c>ReminderWorker</c>.</param>
/// <param name="Every">How often its timer runs it.</param>
/// <param name="LastStarted">When its last run began, or null before the first.</param>
/// <param name="LastFinished">When its last finished run ended.</param>
/// <param name="LastSucceeded">When a run last ended without an error.</param>
/// <param name="LastFailed">When a run last ended in an error.</param>
/// <param name="LastDone">How much the last successful run did (reminders sent, invoices issued).</param>
/// <param name="Running">How many runs are under way now.</param>
public sealed record WorkerState(
    string Worker,
    TimeSpan Every,
    Instant? LastStarted,
    Instant? LastFinished,
    Instant? LastSucceeded,
    Instant? LastFailed,
    int? LastDone,
    int Running)
{
    /// <summary>When its timer runs it next: a period after the last start (a run that overran starts at once when it ends).</summary>
    public Instant? NextRun => LastStarted is { } started ? started + Duration.FromTimeSpan(Every) : null;
}

/// <summary>The <see cref="WorkerState"/> of every worker of this instance, as their runs begin and end.</summary>
public sealed class WorkerStates(Clock clock)
{
    private readonly ConcurrentDictionary<string, WorkerState> _states = new(StringComparer.Ordinal);

    public IReadOnlyList<WorkerState> All => [.. _states.Values.OrderBy(s => s.Worker, StringComparer.Ordinal)];

    /// <summary>Makes a worker known before its first run, so the page lists it from the start.</summary>
    public void Known(string worker, TimeSpan every) =>
        _states.TryAdd(worker, new WorkerState(worker, every, null, null, null, null, null, 0));

    public void Started(string worker, TimeSpan every)
    {
        var now = clock.Now;
        _states.AddOrUpdate(worker,
            _ => new WorkerState(worker, every, now, null, null, null, null, 1),
            (_, s) => s with { LastStarted = now, Running = s.Running + 1 });
    }

    public void Succeeded(string worker, int done)
    {
        var now = clock.Now;
        _states.AddOrUpdate(worker,
            _ => throw new InvalidOperationException($"{worker} ended a run it never started."),
            (_, s) => s with { LastFinished = now, LastSucceeded = now, LastDone = done, Running = Math.Max(0, s.Running - 1) });
    }

    public void Failed(string worker)
    {
        var now = clock.Now;
        _states.AddOrUpdate(worker,
            _ => throw new InvalidOperationException($"{worker} ended a run it never started."),
            (_, s) => s with { LastFinished = now, LastFailed = now, Running = Math.Max(0, s.Running - 1) });
    }
}
