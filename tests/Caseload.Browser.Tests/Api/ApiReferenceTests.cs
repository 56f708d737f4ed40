using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Api;

/// <summary>The API reference page (/api/reference): it renders this API, from the app alone, without the vendor's offers.</summary>
public sealed class ApiReferenceTests(CaseloadSite site) : BrowserTest(site)
{
    /// <summary>What a person sees on opening the page: the reference is thousands of pixels long.</summary>
    private async Task ViewportScreenshotAsync(string step) => await Page.ScreenshotAsync(new()
    {
        Path = Path.Combine(Screenshots.Folder, $"{TestContext.Current.TestMethod?.MethodName}-{step}.png"),
    });

    [Fact]
    public async Task ApiReference_Renders_AndEveryRequestItMakesGoesToTheAppItself()
    {
        var requested = new List<string>();
        Page.Request += (_, request) => requested.Add(request.Url);

        await Page.GotoAsync("/api/reference");

        await Expect(Page.Locator("h1").First).ToContainTextAsync("Caseload", new() { Timeout = 20_000 });
        // The page renders the whole API description in the browser: on a loaded machine that outlasts the default 30 s.
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 60_000 });
        await Expect(Page.GetByText("Groups", new() { Exact = true }).First).ToBeVisibleAsync();
        await ViewportScreenshotAsync("rendered");
        var origin = Site.Host.Address.GetLeftPart(UriPartial.Authority);
        var outside = requested.Where(url => !url.StartsWith(origin, StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, "requests outside the app: " + string.Join(", ", outside));
        Assert.Contains(requested, url => url.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiReference_ShowsNoneOfTheVendorsOwnButtons()
    {
        await Page.GotoAsync("/api/reference");
        await Expect(Page.Locator("h1").First).ToContainTextAsync("Caseload", new() { Timeout = 20_000 });

        foreach (var offer in new[] { "Open API Client", "Deploy", "Generate SDKs", "Ask AI", "Developer Tools" })
        {
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = offer })).ToHaveCountAsync(0);
            await Expect(Page.GetByRole(AriaRole.Link, new() { Name = offer })).ToHaveCountAsync(0);
        }

        await ViewportScreenshotAsync("no-offers");
    }
}
