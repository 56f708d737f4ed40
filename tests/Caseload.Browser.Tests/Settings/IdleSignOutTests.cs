using System.Text.RegularExpressions;
using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Settings;

/// <summary>
/// The idle sign-out in a browser: the page's timers run on Playwright's clock and the server's on the
/// app's, and the test moves both by the same amount. The journey has an app of its own, because it turns
/// the clock and shortens the idle time, which would end other journeys' sessions on the shared app.
/// </summary>
public sealed class IdleSignOutTests(CaseloadSite site) : BrowserTest(site), IAsyncLifetime
{
    private readonly KestrelApp _host = new();

    [Fact]
    public async Task IdleTimeOfTwoMinutes_WarnsAMinuteBefore_StaySignedInKeepsTheSession_ThenRunningOutShowsSignIn()
    {
        await _host.InitializeAsync();
        await using var context = await Site.NewContextAsync(_host);
        var page = await context.NewPageAsync();
        await page.Clock.InstallAsync(new() { TimeDate = _host.Time.GetUtcNow().UtcDateTime });
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(CaseloadApp.AdminEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(CaseloadApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await page.GotoAsync("/Settings/Practice");
        await page.GetByLabel("Sign out after (idle minutes)").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Practice settings saved.");
        await Expect(page.GetByLabel("Sign out after (idle minutes)")).ToHaveValueAsync("2");
        await page.SaveScreenshotAsync("idle-two-minutes");

        await page.GotoAsync("/Clients");
        var warning = page.GetByTestId("idle-warning");
        await PassAsync(page, TimeSpan.FromSeconds(59));
        await Expect(warning).ToHaveCountAsync(0);

        await PassAsync(page, TimeSpan.FromSeconds(1));
        await Expect(warning).ToBeVisibleAsync();
        await Expect(warning).ToContainTextAsync("You will be signed out in a minute");
        var stay = warning.GetByRole(AriaRole.Button, new() { Name = "Stay signed in" });
        await Expect(stay).ToBeFocusedAsync();
        await page.SaveScreenshotAsync("warning");

        await stay.ClickAsync();
        await Expect(warning).ToHaveCountAsync(0);

        // Past the two minutes the first page would have lasted: only the renewed session still opens pages.
        await PassAsync(page, TimeSpan.FromSeconds(90));
        await Expect(warning).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Uri(_host.Address, "/Clients").ToString());
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(_host.Address, "/").ToString());
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await Expect(warning).ToHaveCountAsync(0);
        await page.SaveScreenshotAsync("stayed-signed-in");

        await PassAsync(page, TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?idle=true&ReturnUrl=%2F$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You were signed out after a time without activity. Sign in again to go on.");
        await page.SaveScreenshotAsync("signed-out");
        await page.GotoAsync("/Clients");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl=%2FClients$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Caseload" })).ToBeVisibleAsync();
    }

    /// <summary>Lets this much time pass for the app and for the page alike.</summary>
    private async Task PassAsync(IPage page, TimeSpan time)
    {
        _host.Time.Advance(time);
        await page.Clock.FastForwardAsync(time.ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture));
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await base.DisposeAsync();
        await _host.DisposeAsync();
    }
}
