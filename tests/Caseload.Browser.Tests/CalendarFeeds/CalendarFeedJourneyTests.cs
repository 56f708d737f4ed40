using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.CalendarFeeds;

/// <summary>
/// A clinician puts their sessions on their phone: the feed address is made from the top bar's link, shown once with
/// a copy button, serves the sessions without client names, and stops working once turned off.
/// </summary>
public sealed class CalendarFeedJourneyTests(CaseloadSite site) : BrowserTest(site)
{
    private const string Clinician = "Marsha Linehan";

    [Fact]
    public async Task CalendarFeed_MadeFromTheTopBar_ServesTheSessionsWithoutNames_AndStopsOnceTurnedOff()
    {
        var email = await Site.Host.AddStaffAsync(Clinician, "Clinician");
        var ana = await Site.Host.AddClientAsync(Clinician, "Ana", "Lindqvist", "1991-03-14");
        var ben = await Site.Host.AddClientAsync(Clinician, "Ben", "Okafor", "1984-08-30");
        var group = await Site.Host.AddGroupAsync(Clinician, "DBT skills group", ana, ben);
        await Site.Host.AddGroupAppointmentAsync(Clinician, group, "2026-12-03T17:00");
        await SignInAsync(email);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Calendar feed" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Make my calendar feed" }).ClickAsync();

        var address = Page.GetByTestId("feed-url");
        await Expect(address).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"/calendar/[^/]+\.ics$"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        await Expect(Page.GetByText("Copied.")).ToBeVisibleAsync();
        await Expect(Page.Locator(".alert-danger")).ToHaveCountAsync(0);
        await Page.SaveScreenshotAsync("feed-made");
        await Page.Locator("main").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "calendar-feed.png") });

        var url = await address.InputValueAsync();
        var feed = await Page.APIRequest.GetAsync(url);
        Assert.Equal(200, feed.Status);
        Assert.StartsWith("text/calendar", feed.Headers["content-type"], StringComparison.Ordinal);
        var text = await feed.TextAsync();
        Assert.Contains("SUMMARY:Group session · 2 invited", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lindqvist", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DBT skills group", text, StringComparison.Ordinal);

        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Turn off" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your calendar feed is off: its address no longer works.");
        await Page.SaveScreenshotAsync("feed-off");
        Assert.Equal(404, (await Page.APIRequest.GetAsync(url)).Status);
    }
}
