using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Caseload.Web.Tests.Scheduling;
using static Caseload.Web.Tests.Scheduling.SchedulingApi;

namespace Caseload.Web.Tests.CalendarFeeds;

/// <summary>
/// A busy clinician's year: a feed of 1,000 sessions is written whole, and its sessions are read in one round trip
/// to the database (the measured time is in docs/performance.md; no test here times anything).
/// </summary>
public abstract class LargeFeedTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Feed_OfAThousandSessions_HasThemAll_ReadInOneQuery()
    {
        var morgan = await app.StaffAsync("Clinician");
        var client = await morgan.Client.CreateClientAsync(morgan.ClinicianId);
        // Twenty weekly series of fifty, Monday to Friday at 8, 9, 10 and 11, from 7 December 2026.
        for (var day = 0; day < 5; day++)
        {
            for (var hour = 8; hour < 12; hour++)
            {
                var start = $"2026-12-{7 + day:00}T{hour:00}:00:00-05:00";
                await morgan.Client.BookAsync(Individual(morgan.ClinicianId, client, start) with { Recurrence = RecurrencePayload.Weekly(count: 50) });
            }
        }

        var path = await morgan.Client.CreateFeedAsync();
        using var commands = new CommandsNaming(morgan.ClinicianId!);

        var calendar = await app.CalendarAsync(path);

        Assert.Equal(1000, calendar.Events.Count);
        Assert.Equal(1000, calendar.Events.Select(e => e.Uid).Distinct().Count());
        Assert.Equal(1, commands.Count);
    }

    /// <summary>Counts the database commands that carry one value as a parameter: those asking about one clinician.</summary>
    private sealed class CommandsNaming : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _value;
        private readonly IDisposable _all;
        private readonly ConcurrentBag<IDisposable> _listeners = [];
        private int _count;

        public CommandsNaming(string value)
        {
            _value = value;
            _all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                _listeners.Add(listener.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData { Command: DbCommand command }
                && command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, _value)))
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            foreach (var listener in _listeners)
            {
                listener.Dispose();
            }
        }
    }
}

public sealed class LargeFeedSqliteTests(SqliteApp app) : LargeFeedTests(app), IClassFixture<SqliteApp>;

public sealed class LargeFeedPostgresTests(PostgresApp app) : LargeFeedTests(app), IClassFixture<PostgresApp>;
