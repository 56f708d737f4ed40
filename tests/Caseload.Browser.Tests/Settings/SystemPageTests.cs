using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Settings;

public sealed class SystemPageTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task SystemPage_FromTheSettingsTabs_ShowsEachWorkersLastRun_TheQueues_AndTheVersions()
    {
        await SignInAsync(CaseloadApp.AdminEmail);
        await Page.GotoAsync("/Settings/Practice");

        await Page.GetByRole(AriaRole.Link, new() { Name = "System", Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Uri(new Uri(Page.Url), "/Settings/System").ToString());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Workers" })).ToBeVisibleAsync();
        var invoices = Page.Locator("tr[data-worker='InvoiceWorker']");
        var reminders = Page.Locator("tr[data-worker='ReminderWorker']");
        await Expect(invoices).ToBeVisibleAsync();
        await Expect(reminders).ToContainTextAsync("none (each reminder is claimed)");
        await Expect(invoices.Locator("td").Nth(1)).Not.ToHaveTextAsync("—");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Queues" })).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-queue='invoices-due']")).ToHaveTextAsync("0");
        await Expect(Page.GetByTestId("schema-version")).Not.ToHaveTextAsync("none");
        await Page.SaveScreenshotAsync("system");
    }

    [Fact]
    public async Task SystemPage_ForABiller_ShowsTheNotAllowedPage()
    {
        await SignInAsync(await Site.Host.AddStaffAsync("Bea Biller", "Biller"));

        await Page.GotoAsync("/Settings/System");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your role does not allow this page" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Workers" })).ToHaveCountAsync(0);
    }
}
