using System.Diagnostics;
using System.Diagnostics.Metrics;
using Caseload.Domain.Reminders;
using Caseload.Web.Workers;

namespace Caseload.Web.Setup;

/// <summary>
/// The app's own meter, <c>Caseload</c>: what an operator watches beside the request and database metrics.
/// Counters are recorded where the work happens (one call each); the gauges read the queues when a reader
/// (the OTLP exporter, <c>dotnet-counters</c>) asks, and cost nothing while nobody does.
/// </summary>
public sealed class Metrics
{
    public const string MeterName = "Caseload";

    private readonly Counter<long> _remindersSent;
    private readonly Counter<long> _remindersFailed;
    private readonly Counter<long> _claimConflicts;
    private readonly Histogram<double> _feedDuration;
    private readonly IServiceScopeFactory _scopes;
    private readonly Clock _clock;

    public Metrics(IMeterFactory meters, IServiceScopeFactory scopes, Clock clock)
    {
        _scopes = scopes;
        _clock = clock;
        var meter = meters.Create(MeterName);
        _remindersSent = meter.CreateCounter<long>("caseload.reminders.sent", "{reminder}",
            "Reminders handed over to the email server or the text service, by channel.");
        _remindersFailed = meter.CreateCounter<long>("caseload.reminders.failed", "{reminder}",
            "Reminder attempts that failed, by channel and by whether they are tried again (retry) or not (final).");
        _claimConflicts = meter.CreateCounter<long>("caseload.worker.claim_conflicts", "{claim}",
            "Times a worker found its work taken by another instance: a lease held elsewhere, or due reminders claimed first.");
        _feedDuration = meter.CreateHistogram<double>("caseload.feed.duration", "s",
            "Time to answer a calendar feed (.ics) request, by status code (200 written, 304 unchanged, 404 unknown).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        meter.CreateObservableGauge("caseload.reminders.due", ObserveRemindersDue, "{reminder}",
            "Pending reminders whose time has come, by channel: a number that stays up means reminders are not going out.");
        meter.CreateObservableGauge("caseload.invoices.issuing_lag", ObserveIssuingLag, "s",
            "Age of the oldest invoice that is due but not issued; zero when none waits.");
    }

    public void ReminderSent(Channel channel) => _remindersSent.Add(1, ChannelTag(channel));

    /// <summary>A failed attempt; <paramref name="final"/> when the reminder is not tried again.</summary>
    public void ReminderFailed(Channel channel, bool final) =>
        _remindersFailed.Add(1, ChannelTag(channel), new KeyValuePair<string, object?>("caseload.final", final));

    /// <summary>Work found taken by another instance: <paramref name="work"/> names it (<c>invoices</c>, <c>reminders</c>).</summary>
    public void ClaimConflict(string work) => _claimConflicts.Add(1, new KeyValuePair<string, object?>("caseload.work", work));

    public void FeedServed(TimeSpan took, int statusCode) =>
        _feedDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("http.response.status_code", statusCode));

    private static KeyValuePair<string, object?> ChannelTag(Channel channel) =>
        new("caseload.channel", channel == Channel.Email ? "email" : "text");

    private IEnumerable<Measurement<int>> ObserveRemindersDue()
    {
        if (Read((queues, ct) => queues.RemindersDueAsync(ct)) is not { } due)
        {
            return [];
        }

        return [.. new[] { Channel.Email, Channel.Text }.Select(c => new Measurement<int>(due.GetValueOrDefault(c), ChannelTag(c)))];
    }

    private IEnumerable<Measurement<double>> ObserveIssuingLag()
    {
        var now = _clock.Now;
        var read = Read<(int Count, NodaTime.Instant? OldestSince)?>(async (queues, ct) => await queues.InvoicesDueAsync(ct));
        if (read is not { } invoices)
        {
            return [];
        }

        return [new(invoices.OldestSince is { } since && since < now ? (now - since).TotalSeconds : 0)];
    }

    /// <summary>
    /// Gauges are read on the exporter's thread, which offers no async callback: the query runs to completion here.
    /// The exporter's last reading as the app stops finds the services gone and reports nothing.
    /// </summary>
    private T? Read<T>(Func<WorkQueues, CancellationToken, Task<T>> query)
    {
        try
        {
            using var scope = _scopes.CreateScope();
            return query(scope.ServiceProvider.GetRequiredService<WorkQueues>(), CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (ObjectDisposedException)
        {
            return default;
        }
    }
}

/// <summary>Times the calendar feed endpoint into <see cref="Metrics"/>.</summary>
public static class FeedTiming
{
    public static RouteHandlerBuilder RecordFeedLatency(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            var result = await next(context);
            var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
            context.HttpContext.RequestServices.GetRequiredService<Metrics>().FeedServed(Stopwatch.GetElapsedTime(started), status);
            return result;
        });
}
