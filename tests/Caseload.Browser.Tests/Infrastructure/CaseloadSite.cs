using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Caseload.Browser.Tests.Infrastructure.CaseloadSite))]

namespace Caseload.Browser.Tests.Infrastructure;

/// <summary>
/// One running app and one Chromium for the whole test run: starting either takes seconds,
/// while a fresh browser context per test is cheap and shares no cookies.
/// </summary>
public sealed class CaseloadSite : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public KestrelApp Host { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Host.InitializeAsync();
        Host.StartServer();
        _playwright = await Playwright.CreateAsync();
        // Debian's Chromium, not one downloaded by `playwright install`: these machines reach no browser CDN.
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CASELOAD_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public Task<IBrowserContext> NewContextAsync() => NewContextAsync(Host);

    /// <summary>A context on another app of the test's own, for a journey that turns the clock or changes the practice for everyone.</summary>
    public Task<IBrowserContext> NewContextAsync(KestrelApp host) => NewContextAsync(host.Address);

    /// <summary>A context on an app listening at <paramref name="address"/>, such as one whose email goes to the test.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri address) => (_browser ?? throw new InvalidOperationException("The site is not started."))
        .NewContextAsync(new()
        {
            BaseURL = address.ToString(),
            ViewportSize = new() { Width = 1280, Height = 800 },
            Locale = "en-US",
        });

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}
