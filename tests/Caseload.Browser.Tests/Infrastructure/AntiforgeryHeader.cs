using Microsoft.Playwright;

namespace Caseload.Browser.Tests.Infrastructure;

/// <summary>The antiforgery header the layout hands to the page's scripts, for a test calling the API with the page's cookie.</summary>
public static class AntiforgeryHeader
{
    public static async Task<Dictionary<string, string>> AntiforgeryHeaderAsync(this IPage page)
    {
        var meta = page.Locator("meta[name=antiforgery]");
        return new()
        {
            [await meta.GetAttributeAsync("data-header") ?? ""] = await meta.GetAttributeAsync("content") ?? "",
        };
    }
}
