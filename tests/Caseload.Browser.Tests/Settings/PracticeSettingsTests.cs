using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Settings;

public sealed class PracticeSettingsTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task PracticeSettings_ForAScheduler_ShowsTheNotAllowedPageAndNoSettingsLink()
    {
        await SignInAsync(await Site.Host.AddStaffAsync("Sam Scheduler", "Scheduler"));
        var navbar = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(navbar.GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Expect(navbar.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("signed-in-user")).ToContainTextAsync("Scheduler");
        await Page.SaveScreenshotAsync("dashboard");

        await Page.GotoAsync("/Settings/Practice");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your role does not allow this page" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Save settings" })).ToHaveCountAsync(0);
        await Expect(Page.GetByLabel("Time zone (IANA)")).ToHaveCountAsync(0);
        await Page.SaveScreenshotAsync("not-allowed");
    }

    /// <summary>The journey saves another zone for the whole practice, so it has an app of its own: on the shared one it would move other journeys' calendars.</summary>
    [Fact]
    public async Task PracticeSettings_WithAnUnknownTimeZone_SaysSoBesideTheFieldThenAValidOneSaves()
    {
        await using var host = new KestrelApp();
        await host.InitializeAsync();
        await using var context = await Site.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await SignInAsync(page, CaseloadApp.AdminEmail);
        await page.GotoAsync("/Settings/Practice");
        var timeZone = page.GetByLabel("Time zone (IANA)");
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save settings" });
        await Expect(timeZone).ToHaveValueAsync("America/New_York");
        await page.SaveScreenshotAsync("form");

        await timeZone.FillAsync("Mars/Base");
        await save.ClickAsync();

        await Expect(page.Locator("[data-valmsg-for='Input.TimeZone']"))
            .ToHaveTextAsync("Choose an IANA time zone such as America/New_York.");
        await Expect(page.GetByText("Practice settings saved.")).ToHaveCountAsync(0);
        await Expect(timeZone).ToHaveValueAsync("Mars/Base");
        await page.SaveScreenshotAsync("unknown-time-zone");

        await timeZone.FillAsync("America/Chicago");
        await page.GetByLabel("Contact phone (shown in reminders)").FillAsync("555-0100");
        await save.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Practice settings saved.");
        await Expect(timeZone).ToHaveValueAsync("America/Chicago");
        await Expect(page.GetByLabel("Contact phone (shown in reminders)")).ToHaveValueAsync("555-0100");
        await Expect(page.Locator("[data-valmsg-for='Input.TimeZone']")).ToBeEmptyAsync();
        await page.SaveScreenshotAsync("saved");
    }
}
