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
    int DurationSeconds,
    int WarmupSeconds,
    int PageRequests,
    int Reminders,
    IReadOnlyList<int> Scales,
    string ThroughputClient,
    bool LogSql,
    bool Force,
    bool InPlace,
    IReadOnlyList<string> Only,
    double Minutes = 5,
    int Instances = 2)
{
    /// <summary>Stands in a --db path or --connection string for the scale (the number of clinicians) of each practice.</summary>
    public const string ScaleMark = "{scale}";

    public const string Usage = """
        usage: dotnet run -c Release --project bench/Caseload.Bench -- <verb> [options]
          generate   build a practice with a year of history (staff through the app's API, the rest through the domain)
          load       start the app on that practice and measure every scenario; writes results-<provider>.md
          smoke      generate a one-clinician practice in a temporary folder and run every scenario briefly, then
                     the soak for six seconds; fails if any request failed or the bench crashed (it asserts no times)
          explain    the plans and timings of the feed and conflict SQL that `load --log-sql` captured
          soak       start several app instances on one copy of the practice and drive a mixed load (calendar reads,
                     bookings, payments, note autosaves) for a set time; reports throughput, p95 per kind and the
                     instances' memory growth per minute; writes soak-<provider>.md
          micro      BenchmarkDotNet: recurrence expansion, booking a series, conflict finding
        options (generate, load, explain):
          --db PATH              SQLite database file (default caseload-bench.db in the temporary folder); may hold {scale}
          --provider postgres    with --connection "Host=...;Database=...;Username=...;Password=..." (may hold {scale})
          --app PATH             Caseload.Web.dll to start (default src/Caseload.Web/bin/Release/net10.0)
          --out DIR              where the app logs, SQL and results go (default caseload-bench in the temporary folder)
          --clinicians N         generate: clinicians, each with 40 clients and 3 groups of 12 (default 20)
          --force                generate: drop the database first
          --scales N,M           load: run on the practices of N and M clinicians ({scale} in --db or --connection)
                                 and put them in one table with the ratio to the smallest
          --feed-requests N      load: timed requests per sequential feed and raw SQL scenario (default 200)
          --concurrency N        load: clients of the throughput scenario, each a different clinician (default 16);
                                 soak: concurrent clients
          --duration S           load: seconds the throughput scenario runs (default 15)
          --warmup S             load: seconds of untimed requests before each scenario but the series is measured,
                                 so the code is compiled to its final tier first (default 10)
          --throughput-client C  load: wrk (default when on PATH) or dotnet
          --page-requests N      load: timed appointment pages and attendance marks (default 100)
          --series N             load: timed new group series (default 30)
          --reminders N          load: due reminders sent by one and then two app instances (default 10000; 0 skips)
          --log-sql              load: log every SQL command and report the time spent in the database
          --in-place             load on SQLite: write into --db itself instead of a copy
          --scenarios A,B        load: only the scenarios whose names begin with these words (e.g. "feed,series");
                                 reminder dispatch runs only when --reminders is not 0
          --minutes M            soak: how long the load runs (default 5; fractions allowed, e.g. 0.1)
          --instances N          soak: app instances on the one database, each request to the next (default 2)
        """;

    public bool IsPostgres => Provider == "postgres";

    /// <summary>The options for the practice of one scale: {scale} in the path or connection string replaced.</summary>
    public BenchOptions ForScale(int clinicians)
    {
        var dbPath = DbPath?.Replace(ScaleMark, clinicians.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var connection = IsPostgres
            ? ConnectionString.Replace(ScaleMark, clinicians.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : $"Data Source={dbPath}";
        return this with { DbPath = dbPath, ConnectionString = connection, Clinicians = clinicians };
    }

    private static double MinutesOf(string? text) =>
        text is null ? 5
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var m) && m is >= 0.05 and <= 1440
            ? m : throw new ArgumentException("--minutes takes a number from 0.05 to 1440.");

    private static IReadOnlyList<int> ScalesOf(string? text) =>
        text is null ? [] : [.. text.Split(',').Select(t => int.TryParse(t, out var n) && n is >= 1 and <= 200
            ? n : throw new ArgumentException("--scales takes numbers of clinicians from 1 to 200, separated by commas."))];

    private static string ThroughputClientOf(string? text) => text switch
    {
        null => OnPath("wrk") ? "wrk" : "dotnet",
        "wrk" or "dotnet" => text,
        _ => throw new ArgumentException("--throughput-client is wrk or dotnet."),
    };

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));

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
            dbPath = Path.GetFullPath(values.GetValueOrDefault("--db") ?? Path.Combine(Path.GetTempPath(), "caseload-bench.db"));
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
            Number(values, "--concurrency", 16, 1, 64),
            Number(values, "--duration", 15, 1, 600),
            Number(values, "--warmup", 10, 0, 600),
            Number(values, "--page-requests", 100, 1, 10_000),
            Number(values, "--reminders", 10_000, 0, 200_000),
            ScalesOf(values.GetValueOrDefault("--scales")),
            ThroughputClientOf(values.GetValueOrDefault("--throughput-client")),
            flags.Contains("--log-sql"),
            flags.Contains("--force"),
            flags.Contains("--in-place"),
            [.. (values.GetValueOrDefault("--scenarios") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            MinutesOf(values.GetValueOrDefault("--minutes")),
            Number(values, "--instances", 2, 1, 8));
    }

    /// <summary>Whether the scenario of this name is to run: all do unless --scenarios names some.</summary>
    public bool Runs(string scenario) =>
        Only.Count == 0 || Only.Any(o => scenario.StartsWith(o, StringComparison.OrdinalIgnoreCase));

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
