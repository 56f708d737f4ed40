using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace Caseload.Web.Data;

/// <summary>
/// PostgreSQL's retrying execution strategy, applied only where a retry is safe: a query, or a
/// <c>SaveChanges</c> that opens and commits its own transaction, is run again after a transient failure (a
/// restarting server, a dropped connection). Inside a transaction that a use case began itself the strategy
/// stands aside: the use case's reads and writes run once, a failure rolls the whole transaction back and the
/// request answers 503 (see <see cref="Setup.DatabaseOutages"/>), so the caller repeats the whole change, never
/// half of it.
/// </summary>
/// <remarks>
/// EF Core's own retrying strategies refuse every transaction a use case begins unless the whole use case is
/// handed to <c>strategy.ExecuteAsync</c>; this one does not retry inside such a transaction instead, so the use
/// cases that need several statements to commit together (booking, attendance, staff, settings, feeds, the
/// audit writer) keep their transactions as they are. A retried <c>SaveChanges</c> whose first commit did reach
/// the server meets the key or concurrency token it wrote and is refused as a lost race, never stored twice.
/// </remarks>
internal sealed class RetryOutsideTransactions(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, LongestDelay, ShutdownCodes)
{
    /// <summary>Four tries after the first, about five seconds in all: a server restart takes one or two.</summary>
    public const int MaxRetries = 4;

    public static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(2);

    /// <summary>admin_shutdown and crash_shutdown: a pooled connection the restarted server closed; a new one will do.</summary>
    private static readonly string[] ShutdownCodes = ["57P01", "57P02"];

    /// <summary>
    /// The base refuses to run inside a transaction the use case began; this strategy runs the statement once instead.
    /// The check is made here, when a statement runs, as the base makes it: made in <c>RetriesOnFailure</c> instead,
    /// which EF Core also reads while it sets a context up, it hung the app's start on PostgreSQL.
    /// </summary>
    protected override void OnFirstExecution()
    {
        if (InOwnTransaction)
        {
            ExceptionsEncountered.Clear();
            return;
        }

        base.OnFirstExecution();
    }

    protected override bool ShouldRetryOn(Exception? exception) => !InOwnTransaction && base.ShouldRetryOn(exception);

    private bool InOwnTransaction => Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;
}
