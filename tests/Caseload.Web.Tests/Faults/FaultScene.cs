using System.Diagnostics;
using Caseload.Web.Workers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Caseload.Web.Tests.Faults;

/// <summary>
/// The fault tests run one at a time, and beside no other test: each starts two app processes, and a machine
/// busy with other starts would make theirs slow, not the faults more real.
/// </summary>
[CollectionDefinition(nameof(OneFaultAtATime), DisableParallelization = true)]
public sealed class OneFaultAtATime;

/// <summary>
/// The practice's PostgreSQL database, made ready by an app in the test process (migrations, the administrator,
/// the staff, clients and bookings a scenario needs, over the pinned API), on which the scenario then starts real
/// instances (<see cref="AppProcess"/>). This app runs no workers of its own: only the real instances do.
/// </summary>
public sealed class FaultApp() : CaseloadApp(new PostgresTestDatabase(), ownsDatabase: true)
{
    /// <summary>Workers every half second and a reminder claim of five seconds, so the instances act within a test's minute.</summary>
    public static readonly IReadOnlyDictionary<string, string> PromptWorkers = new Dictionary<string, string>
    {
        ["Caseload:Workers:Reminders"] = "00:00:00.5",
        ["Caseload:Workers:Invoices"] = "00:00:00.5",
        ["Caseload:Workers:ReminderClaim"] = "00:00:05",
    };

    /// <summary>
    /// Turns this app's clock to the machine's, so what it books is placed against the real clock the
    /// instances run on (the test clock only moves forward, from 1 December 2026).
    /// </summary>
    /// <param name="days">Days from the machine's clock: negative to book the day before.</param>
    public void ClockAtMachineTime(int days = 0)
    {
        var at = TimeProvider.System.GetUtcNow().AddDays(days);
        Assert.True(at >= Time.GetUtcNow(), "the machine's clock is after the test clock's first day");
        Time.SetUtcNow(at);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            foreach (var worker in services.Where(IsTimedWorker).ToList())
            {
                services.Remove(worker);
            }
        });
    }

    private static bool IsTimedWorker(ServiceDescriptor service) =>
        service.ServiceType == typeof(IHostedService) && !service.IsKeyedService
        && service.ImplementationFactory?.GetType().GenericTypeArguments[^1] is { } worker
        && (worker == typeof(ReminderWorker) || worker == typeof(InvoiceWorker));
}

/// <summary>Questions to the database itself, on a connection of the test's own.</summary>
public static class Sql
{
    public static async Task<long> CountAsync(string connectionString, string sql, CancellationToken ct, params object[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<int> ExecuteAsync(string connectionString, string sql, CancellationToken ct, params object[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Waits until the database has no session left of the instance named <paramref name="name"/> (a killed one's ends when it next reads).</summary>
    public static async Task WaitSessionsGoneAsync(string connectionString, string name, TimeSpan within, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (await CountAsync(connectionString, "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", ct, name) > 0)
        {
            Assert.True(deadline.Elapsed < within, $"{name}'s database sessions did not end within {within.TotalSeconds:0} s");
            await Task.Delay(50, ct);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test at the deadline with <paramref name="what"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan within, string what, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < within, $"Not within {within.TotalSeconds:0} s: {what}");
            await Task.Delay(100, ct);
        }
    }
}

/// <summary>
/// A transaction of the test's own holding a table in SHARE mode: every instance still reads it, but a write to it
/// waits. An instance whose transaction has already written other tables and now wants to write this one is caught
/// in the middle of that transaction, for as long as the test likes: the moment to kill it.
/// </summary>
public sealed class TableHold : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;

    private TableHold(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<TableHold> TakeAsync(string connectionString, string table, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "fault-test" }.ConnectionString);
        await connection.OpenAsync(ct);
        var transaction = await connection.BeginTransactionAsync(ct);
        await using var take = new NpgsqlCommand($"LOCK TABLE \"{table}\" IN SHARE MODE", connection, transaction);
        await take.ExecuteNonQueryAsync(ct);
        return new TableHold(connection, transaction);
    }

    /// <summary>
    /// Waits for an instance's session that is inside a transaction which has written something (it has a
    /// transaction id) and now waits for this hold; returns that instance's name.
    /// </summary>
    public static async Task<string> WaitForWriterAsync(string connectionString, TimeSpan within, CancellationToken ct)
    {
        await using var look = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "fault-test" }.ConnectionString);
        await look.OpenAsync(ct);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using var query = new NpgsqlCommand("""
                SELECT application_name FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND backend_xid IS NOT NULL
                  AND application_name LIKE 'instance-%'
                LIMIT 1
                """, look);
            if (await query.ExecuteScalarAsync(ct) is string name)
            {
                return name;
            }

            Assert.True(deadline.Elapsed < within, $"No instance was caught writing within {within.TotalSeconds:0} s");
            await Task.Delay(10, ct);
        }
    }

    /// <summary>Lets go of the table; the writer that waited goes on, or, if its instance is dead, ends and rolls back.</summary>
    public async Task ReleaseAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync();
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        await _connection.DisposeAsync();
    }
}

/// <summary>
/// Two instances of the app on one database, as behind a load balancer, started together. A start takes a few
/// seconds on a quiet machine; on one loaded with other builds and tests it took up to 45, so the wait is longer.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    public static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(90);

    private TwoInstances(AppProcess a, AppProcess b)
    {
        A = a;
        B = b;
    }

    public AppProcess A { get; }

    public AppProcess B { get; }

    public IEnumerable<AppProcess> Both => [A, B];

    public AppProcess Named(string name) => Both.Single(i => i.Name == name);

    public AppProcess Other(AppProcess instance) => instance == A ? B : A;

    /// <summary>Starts both at once and waits until both are ready.</summary>
    public static async Task<TwoInstances> StartAsync(
        string connectionString, CancellationToken ct, IReadOnlyDictionary<string, string>? a = null, IReadOnlyDictionary<string, string>? b = null)
    {
        var both = new TwoInstances(
            AppProcess.Start("instance-a", connectionString, a ?? FaultApp.PromptWorkers),
            AppProcess.Start("instance-b", connectionString, b ?? FaultApp.PromptWorkers));
        try
        {
            await Task.WhenAll(both.A.WaitReadyAsync(StartWithin, ct), both.B.WaitReadyAsync(StartWithin, ct));
            return both;
        }
        catch
        {
            await both.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
