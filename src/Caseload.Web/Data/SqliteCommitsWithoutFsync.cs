using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Caseload.Web.Data;

/// <summary>
/// Runs SQLite with <c>synchronous=NORMAL</c> on every connection. The database is in WAL mode (EF Core
/// creates it so), where a commit then writes the log without waiting for the disk: it survives the app
/// dying, and an operating-system crash or power cut may lose the last commits but never corrupts the file.
/// The reminder dispatcher commits once per message before handing it over; with <c>FULL</c> each such
/// commit waits for the disk (see docs/adr/0008-recording-each-reminder-hand-over.md).
/// </summary>
internal sealed class SqliteCommitsWithoutFsync : DbConnectionInterceptor
{
    public static readonly SqliteCommitsWithoutFsync Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL";
        pragma.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
    }
}
