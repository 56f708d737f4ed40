using Caseload.Web.Features.Portal.Booking;
using NodaTime;

namespace Caseload.Web.Workers;

/// <summary>
/// Moves the waitlists along every minute (<c>Caseload:Workers:Waitlist</c>, a time span, says otherwise) on whichever
/// instance holds the lease: offers whose time ran out pass to the next in line, then the offers not yet emailed are
/// emailed. What is due is read from the database each run, so a restart loses nothing; each offer's email is marked
/// before it is handed over, so nothing is sent twice.
/// </summary>
public sealed class WaitlistWorker(
    IServiceScopeFactory scopes, TimeProvider time, IConfiguration config, ILogger<WaitlistWorker> log, WorkerStates states)
    : PeriodicWorker(config.GetValue("Caseload:Workers:Waitlist", Every), time, log, states)
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    /// <summary>The lease one instance holds while it moves the waitlists.</summary>
    public const string Lease = "waitlist";

    private readonly Duration _lease = Duration.FromTimeSpan(2 * config.GetValue("Caseload:Workers:Waitlist", Every));

    protected override async Task<int> RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = scope.ServiceProvider.GetRequiredService<Clock>().Now;
        if (!await scope.ServiceProvider.GetRequiredService<Leases>().TryTakeAsync(Lease, now, _lease, ct))
        {
            return 0;
        }

        var lapsed = await scope.ServiceProvider.GetRequiredService<Waitlists>().PassOnLapsedOffersAsync(ct);
        var emailed = await scope.ServiceProvider.GetRequiredService<OfferEmails>().SendDueAsync(ct);
        return lapsed + emailed;
    }
}
