using System.Net;
using System.Net.Http.Json;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Caseload.Web.Tests.Faults;

/// <summary>
/// SQLite lets one writer in at a time. A request that waits longer than the command timeout for another writer (a
/// long maintenance job, a stuck process holding the file) answers 503 with Retry-After and
/// <c>database-unavailable</c>, not 500, and not a 409 that would say someone changed the same record; nothing of
/// it is saved, and the same request succeeds once the file is free.
/// </summary>
public sealed class SqliteBusyTests(SqliteBusyTests.ShortTimeoutApp app) : IClassFixture<SqliteBusyTests.ShortTimeoutApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWrite_WhileAnotherConnectionHoldsTheWriteLock_Answers503WithRetryAfter_AndSavesNothing()
    {
        var clinician = await app.StaffAsync("Clinician");
        var payload = ClientsApi.NewClient(clinician.ClinicianId, firstName: "Bea");
        HttpResponseMessage refused;
        await using (var holder = new SqliteConnection(app.Database.ConnectionString + ";Pooling=False"))
        {
            await holder.OpenAsync(Ct);
            await using var hold = holder.CreateCommand();
            hold.CommandText = "BEGIN EXCLUSIVE";
            await hold.ExecuteNonQueryAsync(Ct);

            refused = await clinician.Client.PostAsJsonAsync("/api/v1/clients", payload, Ct);
        }

        await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "database-unavailable");
        Assert.Equal("5", refused.Headers.RetryAfter?.ToString());
        Assert.DoesNotContain(payload.LastName!, await clinician.Client.GetStringAsync($"/api/v1/clients?q={payload.LastName}", Ct), StringComparison.Ordinal);
        using var again = await clinician.Client.PostAsJsonAsync("/api/v1/clients", payload, Ct);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    /// <summary>The app on a SQLite file of its own whose commands wait one second for a lock, not thirty.</summary>
    public sealed class ShortTimeoutApp() : CaseloadApp(new ShortTimeoutDatabase(), ownsDatabase: true);

    private sealed class ShortTimeoutDatabase : TestDatabase
    {
        private readonly string _file = Path.Combine(Path.GetTempPath(), $"caseload-test-{Guid.NewGuid():N}.db");

        public override string Provider => "sqlite";

        public override string ConnectionString => $"Data Source={_file};Default Timeout=1";

        public override ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(_file + suffix);
            }

            return ValueTask.CompletedTask;
        }
    }
}
