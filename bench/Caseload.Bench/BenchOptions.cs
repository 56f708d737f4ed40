using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Bench;

/// <summary>What the command line says: which database, which app build, how many requests.</summary>
internal sealed record BenchOptions(
    string Provider,
    string ConnectionString,
    string? DbPath,
    string AppPath,
    string OutDir,
    int Clinicians,
    int FeedRequests,
    int SeriesRequests,
    int Concurrency,
    bool LogSql,
    bool Force,
    bool InPlace)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/Caseload.Bench -- <verb> [options]
          generate   build a large practice (staff through the app's API, the rest through the domain)
          load       start the app on that practice and measure the calendar feed and series creation
          explain    the plans and timings of the feed and conflict SQL that `load --log-sql` captured
          micro      BenchmarkDotNet: recurrence expansion, booking a series, conflict finding
        options (generate, load, explain):
          --db PATH              SQLite database file (default /tmp/caseload-bench.db)
          --provider postgres    with --connection "Host=...;Database=...;Username=...;Password=..."
          --app PATH             Caseload.Web.dll to start (default src/Caseload.Web/bin/Release/net10.0)
          --out DIR              where the app log, SQL and results go (default /tmp/caseload-bench)
          --clinicians N         generate: clinicians, each with 40 clients and 3 groups (default 20)
          --force                generate: drop the database first
          --feed-requests N      load: timed requests per feed scenario (default 200)
          --series N             load: timed series per kind (default 30)
          --concurrency N        load: parallel requests in the throughput scenario (default 4)
          --log-sql              load: log every SQL command and report the time spent in the database
          --in-place             load on SQLite: write into --db itself instead of a copy
        """;

    public bool IsPostgres => Provider == "postgres";

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        var flags = new HashSet<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--log-sql" or "--force" or "--in-place")
            {
                flags.Add(name);
            }
            else if (name.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unknown or incomplete option '{name}'.");
            }
        }

        var provider = values.GetValueOrDefault("--provider", "sqlite").ToLowerInvariant();
        string connection;
        string? dbPath = null;
        if (provider == "postgres")
        {
            connection = values.GetValueOrDefault("--connection")
                ?? throw new ArgumentException("--provider postgres needs --connection.");
        }
        else if (provider == "sqlite")
        {
            dbPath = Path.GetFullPath(values.GetValueOrDefault("--db", "/tmp/caseload-bench.db"));
            connection = $"Data Source={dbPath}";
        }
        else
        {
            throw new ArgumentException($"Unknown provider '{provider}': use sqlite or postgres.");
        }

        return new BenchOptions(
            provider,
            connection,
            dbPath,
            Path.GetFullPath(values.GetValueOrDefault("--app") ?? DefaultAppPath()),
            Path.GetFullPath(values.GetValueOrDefault("--out", Path.Combine(Path.GetTempPath(), "caseload-bench"))),
            Number(values, "--clinicians", 20, 1, 200),
            Number(values, "--feed-requests", 200, 1, 100_000),
            Number(values, "--series", 30, 1, 100),
            Number(values, "--concurrency", 4, 1, 64),
            flags.Contains("--log-sql"),
            flags.Contains("--force"),
            flags.Contains("--in-place"));
    }

    public CaseloadDbContext CreateDbContext(string? connectionString = null)
    {
        var connection = connectionString ?? ConnectionString;
        return IsPostgres
            ? new PostgresCaseloadDbContext(new DbContextOptionsBuilder<PostgresCaseloadDbContext>()
                .UseNpgsql(connection, o => o.UseNodaTime()).Options)
            : new SqliteCaseloadDbContext(new DbContextOptionsBuilder<SqliteCaseloadDbContext>()
                .UseSqlite(connection).Options);
    }

    private static int Number(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} takes a number from {min} to {max}.");
    }

    /// <summary>The Release build of the web app, found from the repository root above this program.</summary>
    private static string DefaultAppPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Caseload.slnx")))
            {
                return Path.Combine(dir.FullName, "src", "Caseload.Web", "bin", "Release", "net10.0", "Caseload.Web.dll");
            }
        }

        return "Caseload.Web.dll";
    }
}
