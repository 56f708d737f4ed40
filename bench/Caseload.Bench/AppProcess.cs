using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Caseload.Bench;

/// <summary>
/// The real app, started as a child process on a loopback port against the benchmark database,
/// with no demo practice and the benchmark administrator. Its console log goes to a file.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private AppProcess(Process process, StreamWriter log, Uri baseAddress, string logPath)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        LogPath = logPath;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public string LogPath { get; }

    public static async Task<AppProcess> StartAsync(
        BenchOptions options, string connectionString, bool logSql, string name, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(options.AppPath))
        {
            throw new FileNotFoundException(
                $"No app build at {options.AppPath}: run `dotnet build -c Release src/Caseload.Web` or pass --app.", options.AppPath);
        }

        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        Directory.CreateDirectory(options.OutDir);
        var logPath = Path.Combine(options.OutDir, $"app-{name}.log");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(options.AppPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(options.AppPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Caseload__Provider"] = options.Provider;
        start.Environment["ConnectionStrings__Caseload"] = connectionString;
        start.Environment["Caseload__SeedDemo"] = "false";
        start.Environment["CASELOAD_ADMIN_EMAIL"] = BenchStaff.AdminEmail;
        start.Environment["CASELOAD_ADMIN_PASSWORD"] = BenchStaff.Password;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        if (logSql)
        {
            start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, log, baseAddress, logPath);
        try
        {
            // A newer app may first migrate a large practice.
            await app.WaitUntilHealthyAsync(TimeSpan.FromMinutes(20));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Asks the app to stop (SIGTERM, so SQLite checkpoints its journal), and kills it if it will not.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode}; see {LogPath}.");
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy migrating.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The app was not healthy after {limit.TotalSeconds:0} s; see {LogPath}.");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
