using Caseload.Web.Features.Billing;
using NodaTime;

namespace Caseload.Web.Workers;

/// <summary>
/// Issues the invoices of sessions whose day has come. Runs every minute on whichever instance
/// holds the lease; the unique index on invoices keeps each to one even if two instances overlap.
/// Each run reads only the days since the last one that left nothing due (a checkpoint in the
/// database), so its work does not grow with the practice's history, and a restart loses nothing:
/// the days that came while the app was down are read on its first run. <c>Caseload:Workers:Invoices</c>
/// (a time span) changes the period; the lease lasts two periods, so another instance takes over
/// within two periods of the holder dying.
/// </summary>
public sealed class InvoiceWorker(
    IServiceScopeFactory scopes, TimeProvider time, IConfiguration config, ILogger<InvoiceWorker> log, WorkerStates states)
    : PeriodicWorker(config.GetValue("Caseload:Workers:Invoices", Every), time, log, states)
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    /// <summary>The lease one instance holds while it issues invoices.</summary>
    public const string Lease = "invoices";

    private readonly Duration _lease = Duration.FromTimeSpan(2 * config.GetValue("Caseload:Workers:Invoices", Every));

    protected override async Task<int> RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = scope.ServiceProvider.GetRequiredService<Clock>().Now;
        if (!await scope.ServiceProvider.GetRequiredService<Leases>().TryTakeAsync(Lease, now, _lease, ct))
        {
            return 0;
        }

        var issued = 0;
        int batch;
        do
        {
            batch = await scope.ServiceProvider.GetRequiredService<IssueInvoices>().IssueDueAsync(null, ct);
            issued += batch;
        }
        while (batch > 0 && !ct.IsCancellationRequested);

        return issued;
    }
}
