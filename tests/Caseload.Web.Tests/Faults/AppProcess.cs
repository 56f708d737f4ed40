using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Reminders;
using Npgsql;

namespace Caseload.Web.Tests.Faults;

/// <summary>
/// One app instance as production runs it: <c>dotnet Caseload.Web.dll</c> in a process of its own on a free
/// loopback port, against the PostgreSQL database it is given, on the real clock. Its database sessions carry
/// its name (<c>Application Name</c>), so a test can see what the instance is doing in the database, and
/// <see cref="Kill"/> ends it as <c>kill -9</c> does: no shutdown, no goodbye to the database or the mail server.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(string name, Process process, Uri address)
    {
        Name = name;
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Also its database sessions' application name.</summary>
    public string Name { get; }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the instance wrote to its console so far.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts an instance named <paramref name="name"/> on <paramref name="connectionString"/>'s database, with the
    /// test administrator, without the demo practice unless <paramref name="settings"/> say otherwise.
    /// </summary>
    /// <param name="settings">Configuration as <c>Section:Key</c> = value, passed as environment variables.</param>
    public static AppProcess Start(string name, string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = SmtpInbox.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Caseload.Web.dll"));
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["Caseload:Provider"] = "postgres",
            ["ConnectionStrings:Caseload"] = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }.ConnectionString,
            ["Caseload:SeedDemo"] = "false",
            ["CASELOAD_ADMIN_EMAIL"] = CaseloadApp.AdminEmail,
            ["CASELOAD_ADMIN_PASSWORD"] = CaseloadApp.Password,
            ["Caseload:SignInThrottle:AttemptsPerAccount"] = "100000",
            ["Caseload:SignInThrottle:AttemptsPerAddress"] = "100000",
            ["Logging:Console:FormatterName"] = "simple",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new AppProcess(name, Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Waits until the instance answers <c>/health/ready</c> (migrated and connected), polling until <paramref name="within"/> runs out.</summary>
    public async Task WaitReadyAsync(TimeSpan within, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var ready = await http.GetAsync("/health/ready", ct);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Busy starting.
            }

            if (deadline.Elapsed > within)
            {
                throw new TimeoutException($"{Name} was not ready within {within.TotalSeconds:0} s:\n{Output}");
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>A client signed in to this instance over the pinned API as <paramref name="email"/>, with a bearer token.</summary>
    public async Task<HttpClient> SignInAsync(string email, CancellationToken ct, string password = CaseloadApp.Password)
    {
        var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(45) };
        var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password }, ct);
        Assert.True(response.IsSuccessStatusCode, $"{Name}: sign-in answered {(int)response.StatusCode}");
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return http;
    }

    /// <summary>Ends the process at once (SIGKILL), as <c>kill -9</c> does, and waits until it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 2000)
        {
            _output.TryDequeue(out _);
        }
    }
}
