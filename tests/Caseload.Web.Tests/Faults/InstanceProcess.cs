using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Caseload.Web.Tests.Faults;

/// <summary>
/// One app instance as it runs in production: <c>dotnet Caseload.Web.dll</c> in a process of its own on a free
/// loopback port, configured by environment variables only, its console kept for the test to read.
/// </summary>
internal sealed class InstanceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _console = new();

    private InstanceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Everything the instance wrote to its console so far.</summary>
    public string Console => string.Join('\n', _console);

    public bool HasExited => _process.HasExited;

    /// <summary>Starts an instance on the database; it creates the test administrator on an empty one and seeds no demo practice.</summary>
    public static InstanceProcess Start(string provider, string connectionString)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Caseload.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Caseload__Provider"] = provider;
        start.Environment["ConnectionStrings__Caseload"] = connectionString;
        start.Environment["Caseload__SeedDemo"] = "false";
        start.Environment["CASELOAD_ADMIN_EMAIL"] = CaseloadApp.AdminEmail;
        start.Environment["CASELOAD_ADMIN_PASSWORD"] = CaseloadApp.Password;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Migrations"] = "Information";
        var process = new Process { StartInfo = start };
        var instance = new InstanceProcess(process, address);
        process.OutputDataReceived += (_, e) => instance.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => instance.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return instance;
    }

    /// <summary>Polls <c>/health/ready</c> (the database answers and every migration of this build is applied) until 200.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan limit, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The instance exited with code {_process.ExitCode}:\n{Console}");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready", ct);
                if (response.StatusCode == HttpStatusCode.OK)
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
                // Listening, still migrating.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }

        throw new TimeoutException($"The instance was not ready after {limit.TotalSeconds:0} s:\n{Console}");
    }

    /// <summary>A client of this instance signed in with a bearer token.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password, CancellationToken ct)
    {
        var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password }, ct);
        Assert.True(response.IsSuccessStatusCode, $"sign-in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return http;
    }

    /// <summary>Stops the instance (SIGTERM, then a kill if it lingers).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
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
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _console.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
