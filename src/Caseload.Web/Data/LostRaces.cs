using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Caseload.Web.Data;

/// <summary>
/// Which database errors mean "another write got there first", said once for both providers: a
/// concurrency token that no longer matches, a unique index that another transaction just filled,
/// PostgreSQL's serialization failure or deadlock, SQLite's busy or locked database. A lost race is
/// a refusal (409 <c>conflict</c>), never a server error; every other database error stays one.
/// </summary>
public static class LostRaces
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    public static bool IsLostRace(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => true,
        PostgresException pg => pg.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure
            or PostgresErrorCodes.DeadlockDetected,
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked
            || (sqlite.SqliteErrorCode == SqliteConstraint && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey),
        _ => exception.InnerException is { } inner && IsLostRace(inner),
    };
}
