using System.Net.Sockets;
using Caseload.Web.Auth;
using Caseload.Web.Fhir;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Caseload.Web.Setup;

/// <summary>
/// While the database cannot answer (PostgreSQL restarting or unreachable, a SQLite file held by another writer
/// longer than the command timeout), a request answers 503 with <c>Retry-After</c> and the code
/// <c>database-unavailable</c>, never 500: nothing was changed, and the same request can be sent again once the
/// database is back. Pooled PostgreSQL connections are dropped, so the next request opens a fresh one to the
/// restarted server. See docs/deploy.md, "PostgreSQL restarts".
/// </summary>
/// <remarks>
/// Registered before <see cref="Api.LostRaceHandler"/>: SQLite's busy error also counts as a lost race where a
/// use case asks (an idempotency key's claim), but a request that timed out waiting for the file lost no race with
/// anyone, and 409 would tell the user that someone changed their record.
/// </remarks>
internal sealed partial class DatabaseOutages(ILogger<DatabaseOutages> logger) : IExceptionHandler
{
    public const string Code = "database-unavailable";

    /// <summary>Seconds a client waits before trying again: a restart takes a few.</summary>
    public const int RetryAfterSeconds = 5;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>PostgreSQL states that mean the server is going away, starting or out of connections, not that the request was wrong.</summary>
    private static readonly string[] UnavailableStates =
    [
        PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.CrashShutdown, PostgresErrorCodes.CannotConnectNow,
        PostgresErrorCodes.TooManyConnections, PostgresErrorCodes.ConnectionException, PostgresErrorCodes.ConnectionDoesNotExist,
        PostgresErrorCodes.ConnectionFailure, PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection,
    ];

    /// <summary>Whether the failure is the database not answering, rather than a fault in the request or the app.</summary>
    public static bool IsOutage(Exception? exception) => exception switch
    {
        null => false,
        PostgresException pg => UnavailableStates.Contains(pg.SqlState),
        NpgsqlException npgsql => npgsql.InnerException is IOException or SocketException or TimeoutException || IsOutage(npgsql.InnerException),
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
        RetryLimitExceededException retried => IsOutage(retried.InnerException),
        _ => IsOutage(exception.InnerException),
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsOutage(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        Unavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        NpgsqlConnection.ClearAllPools();
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string title = "The practice's database is not answering at the moment. Nothing was changed; try again in a few seconds.";
        if (httpContext.IsFhir())
        {
            await new FhirResult(FhirOutcomes.ForStatus(StatusCodes.Status503ServiceUnavailable), StatusCodes.Status503ServiceUnavailable)
                .ExecuteAsync(httpContext);
        }
        else if (httpContext.IsApi())
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title,
                extensions: new Dictionary<string, object?> { ["code"] = Code }).ExecuteAsync(httpContext);
        }
        else
        {
            // The status page needs the database for its layout: this answer needs nothing.
            response.ContentType = "text/html; charset=utf-8";
            await response.WriteAsync(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Try again in a moment - Caseload</title>" +
                "<link rel=\"stylesheet\" href=\"/lib/bootstrap/bootstrap.min.css\"></head><body><main class=\"container mt-4\">" +
                "<h1 class=\"h4\">Caseload cannot reach its database at the moment</h1>" +
                "<p>Nothing you entered was saved or half-saved. Go back and send it again in a few seconds.</p>" +
                "</main></body></html>", cancellationToken);
        }

        return true;
    }

    [LoggerMessage(LogLevel.Warning, "The database did not answer {Method} {Path}; answered 503.")]
    private static partial void Unavailable(ILogger logger, Exception exception, string method, string path);
}
