using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Caseload.Web.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster of the test's own (initdb into a temporary folder, a free port), which the test may stop and
/// start; the shared development server is never touched. initdb refuses to run as root, so as root the cluster
/// belongs to the <c>postgres</c> user, as in ./test.sh.
/// </summary>
internal sealed class ThrowAwayCluster : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _bin;
    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private ThrowAwayCluster(string folder, string bin, int port)
    {
        _folder = folder;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    public string Server => $"Host=127.0.0.1;Port={Port};Username=postgres;Password={_password}";

    private string Data => Path.Combine(_folder, "data");

    private static bool AsRoot => Environment.UserName == "root";

    public static async Task<ThrowAwayCluster> StartAsync(CancellationToken ct)
    {
        var bin = FindBin();
        var folder = Directory.CreateTempSubdirectory("caseload-pg-").FullName;
        var cluster = new ThrowAwayCluster(folder, bin, FreePort());
        try
        {
            if (AsRoot)
            {
                await RunAsync("chown", ["postgres:", folder], asPostgres: false, ct);
            }

            var pwfile = Path.Combine(folder, "pwfile");
            await File.WriteAllTextAsync(pwfile, cluster._password + "\n", ct);
            if (AsRoot)
            {
                await RunAsync("chown", ["postgres:", pwfile], asPostgres: false, ct);
            }

            await RunAsync(Path.Combine(bin, "initdb"),
                ["-D", cluster.Data, "-U", "postgres", $"--pwfile={pwfile}", "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8"],
                asPostgres: true, ct);
            File.Delete(pwfile);
            await cluster.StartAgainAsync(ct);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the stopped server on the same port and folder, and waits until it takes connections.</summary>
    public Task StartAgainAsync(CancellationToken ct) => RunAsync(Path.Combine(_bin, "pg_ctl"),
        ["-D", Data, "-l", Path.Combine(_folder, "postgres.log"), "-w", "-t", "60", "-o",
            $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100",
            "start"],
        asPostgres: true, ct);

    /// <summary>A fast shutdown, as an operator's restart does: sessions are ended, open transactions rolled back.</summary>
    public Task StopAsync(CancellationToken ct) =>
        RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-w", "-t", "60", "-m", "fast", "stop"], asPostgres: true, ct);

    /// <summary>Creates a database on the cluster and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(Server + ";Pooling=false");
        await connection.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync(ct);
        return $"{Server};Database={name}";
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            try
            {
                await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "stop"], asPostgres: true, CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
        }

        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The newest PostgreSQL installed the Debian way, else the one on the PATH.</summary>
    private static string FindBin()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return installed
            ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(p => File.Exists(Path.Combine(p, "initdb")))
            ?? throw new InvalidOperationException("No PostgreSQL server binaries (initdb, pg_ctl) found: install PostgreSQL.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] arguments, bool asPostgres, CancellationToken ct)
    {
        var start = new ProcessStartInfo(asPostgres && AsRoot ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres && AsRoot)
        {
            foreach (var part in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await errors}");
        }
    }
}
