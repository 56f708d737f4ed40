using Microsoft.Playwright;

namespace Caseload.Browser.Tests.Infrastructure;

/// <summary>Keeps a picture of each key step, for people to judge what no assertion can: layout, legibility.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Saves <c>screenshots/&lt;test&gt;-&lt;step&gt;.png</c> of the whole page in the test output folder.</summary>
    public static async Task SaveScreenshotAsync(this IPage page, string step)
    {
        var test = TestContext.Current.TestMethod?.MethodName ?? "unknown-test";
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{test}-{step}.png"), FullPage = true });
    }
}
