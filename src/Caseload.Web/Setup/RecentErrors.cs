using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using NodaTime;

namespace Caseload.Web.Setup;

/// <summary>One error or warning this instance logged, as the System page shows it.</summary>
/// <param name="At">When it was logged.</param>
/// <param name="Source">The logging category, such as <c>Caseload.Web.Workers.InvoiceWorker</c>.</param>
/// <param name="Level">Error, Critical or Warning.</param>
/// <param name="Message">The message's template with only the values known to hold no client data filled in.</param>
/// <param name="Exception">The exception's type (and the innermost one's), without its message.</param>
public sealed record RecentError(Instant At, string Source, string Level, string Message, string? Exception);

/// <summary>
/// The last errors of this instance, kept in memory for the System page (the log keeps everything). Nothing a
/// client could be recognised by is kept: a message is its template, the code's own words, with only names,
/// ids and numbers filled in; an exception is its type alone, since exception messages quote addresses, server
/// answers and values.
/// </summary>
public sealed partial class RecentErrors(Clock clock)
{
    public const int Kept = 20;

    /// <summary>The template placeholders whose values are the app's own names and ids, never a client's details.</summary>
    private static readonly HashSet<string> SafeValues = new(StringComparer.OrdinalIgnoreCase)
    {
        "Worker", "ReminderId", "AppointmentId", "InvoiceId", "Migration", "Elapsed", "Count", "StatusCode", "Method", "Route",
    };

    private readonly ConcurrentQueue<RecentError> _errors = new();

    /// <summary>Newest first.</summary>
    public IReadOnlyList<RecentError> All => [.. _errors.Reverse()];

    public void Add(string source, LogLevel level, string template, IReadOnlyList<KeyValuePair<string, object?>> values, Exception? exception)
    {
        var message = Placeholder().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            var value = values.FirstOrDefault(v => string.Equals(v.Key, name, StringComparison.Ordinal)).Value;
            return SafeValues.Contains(name) || value is int or long or double or decimal or TimeSpan
                ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""
                : m.Value;
        });
        _errors.Enqueue(new RecentError(clock.Now, source, level.ToString(), message, TypesOf(exception)));
        while (_errors.Count > Kept && _errors.TryDequeue(out _))
        {
        }
    }

    private static string? TypesOf(Exception? exception)
    {
        if (exception is null)
        {
            return null;
        }

        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner == exception ? exception.GetType().Name : $"{exception.GetType().Name} ({inner.GetType().Name})";
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_@]+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    /// <summary>
    /// Sends this app's warnings and every error to <see cref="RecentErrors"/>. The framework's own warnings (a
    /// key ring being made, a slow query) are left to the log.
    /// </summary>
    public sealed class Provider(RecentErrors errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(errors, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(RecentErrors errors, string category) : ILogger
    {
        private readonly bool _ours = category.StartsWith("Caseload.", StringComparison.Ordinal);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error || (_ours && logLevel == LogLevel.Warning);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            var template = values.FirstOrDefault(v => v.Key == "{OriginalFormat}").Value as string ?? eventId.Name ?? "(no message)";
            errors.Add(category, logLevel, template, values, exception);
        }
    }
}
