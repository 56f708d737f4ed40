using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Caseload.Bench;

/// <summary>What EF Core logged about the SQL it ran during one scenario: which commands, how often, how long.</summary>
internal sealed record SqlSummary(double CommandsPerRequest, double MillisecondsPerRequest, IReadOnlyList<SqlCommandStats> Commands);

internal sealed record SqlCommandStats(string CommandText, int Count, double TotalMs, double MaxMs);

/// <summary>
/// Reads the app's JSON console log (with <c>Microsoft.EntityFrameworkCore.Database.Command</c> at
/// Information) from a marked position. EF's elapsed time runs until the first row is ready, not
/// until the last is read, so it is a floor for the database's share.
/// </summary>
internal sealed class SqlLog(string path, string outDir)
{
    private const int CommandExecuted = 20101;

    public long Mark() => new FileInfo(path).Length;

    public async Task<SqlSummary> SummarizeAsync(long from, int requests, string scenario)
    {
        await Task.Delay(TimeSpan.FromSeconds(1)); // the console logger writes from a queue
        var stats = new Dictionary<string, (int Count, double Total, double Max)>();
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            stream.Seek(from, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync() is { } line)
            {
                if (Parse(line) is { } command)
                {
                    var s = stats.GetValueOrDefault(command.Text);
                    stats[command.Text] = (s.Count + 1, s.Total + command.Ms, Math.Max(s.Max, command.Ms));
                }
            }
        }

        var commands = stats.Select(kv => new SqlCommandStats(kv.Key, kv.Value.Count, kv.Value.Total, kv.Value.Max))
            .OrderByDescending(c => c.TotalMs).ToList();
        await WriteAsync(scenario, commands, requests);
        return new SqlSummary(
            commands.Sum(c => c.Count) / (double)requests,
            commands.Sum(c => c.TotalMs) / requests,
            commands);
    }

    private static (string Text, double Ms)? Parse(string line)
    {
        if (!line.StartsWith('{') || !line.Contains("Database.Command", StringComparison.Ordinal))
        {
            return null;
        }

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        if (!root.TryGetProperty("EventId", out var id) || id.GetInt32() != CommandExecuted
            || !root.TryGetProperty("State", out var state))
        {
            return null;
        }

        var elapsed = state.GetProperty("elapsed");
        var ms = elapsed.ValueKind == JsonValueKind.Number
            ? elapsed.GetDouble()
            : double.Parse(elapsed.GetString()!, NumberStyles.Any, CultureInfo.InvariantCulture);
        return (state.GetProperty("commandText").GetString() ?? "", ms);
    }

    private async Task WriteAsync(string scenario, List<SqlCommandStats> commands, int requests)
    {
        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"-- {scenario}: {requests} requests");
        foreach (var c in commands)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"-- {c.Count} executions, {c.TotalMs / c.Count:0.0} ms average, {c.MaxMs:0} ms max")
                .AppendLine(c.CommandText)
                .AppendLine();
        }

        var slug = new string([.. scenario.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-')]);
        await File.WriteAllTextAsync(Path.Combine(outDir, $"sql-{slug}.sql"), text.ToString());
    }
}
