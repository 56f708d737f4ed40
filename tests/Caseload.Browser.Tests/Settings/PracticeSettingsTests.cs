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

    [Fact]
    public async Task PracticeSettings_WithAnUnknownTimeZone_SaysSoBesideTheFieldThenAValidOneSaves()
    {
        await SignInAsync(CaseloadApp.AdminEmail);
        await Page.GotoAsync("/Settings/Practice");
        var timeZone = Page.GetByLabel("Time zone (IANA)");
        var save = Page.GetByRole(AriaRole.Button, new() { Name = "Save settings" });
        await Expect(timeZone).ToHaveValueAsync("America/New_York");
        await Page.SaveScreenshotAsync("form");

        await timeZone.FillAsync("Mars/Base");
        await save.ClickAsync();

        await Expect(Page.Locator("[data-valmsg-for='Input.TimeZone']"))
            .ToHaveTextAsync("Choose an IANA time zone such as America/New_York.");
        await Expect(Page.GetByText("Practice settings saved.")).ToHaveCountAsync(0);
        await Expect(timeZone).ToHaveValueAsync("Mars/Base");
        await Page.SaveScreenshotAsync("unknown-time-zone");

        await timeZone.FillAsync("America/Chicago");
        await Page.GetByLabel("Contact phone (shown in reminders)").FillAsync("555-0100");
        await save.ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Practice settings saved.");
        await Expect(timeZone).ToHaveValueAsync("America/Chicago");
        await Expect(Page.GetByLabel("Contact phone (shown in reminders)")).ToHaveValueAsync("555-0100");
        await Expect(Page.Locator("[data-valmsg-for='Input.TimeZone']")).ToBeEmptyAsync();
        await Page.SaveScreenshotAsync("saved");
    }
}
