using Caseload.Browser.Tests.Infrastructure;
using Caseload.Browser.Tests.Scheduling;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Account;

/// <summary>Finding 7 of issue 12: the strict Content-Security-Policy leaves the calendar, htmx and Bootstrap working.</summary>
public sealed class ContentSecurityPolicyTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task CalendarAndAppointmentWindow_UnderTheContentSecurityPolicy_WorkWithoutAViolation()
    {
        var violations = new List<string>();
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        await SignInAsync(await Site.Host.AddStaffAsync("Imogen Strict", "Clinician"));
        await Site.Host.AddClientAsync("Imogen Strict", "Perpetua", "Noncewell", "1979-06-21");
        var calendar = new PracticeCalendar(Page);
        await Expect(calendar.Title).ToHaveTextAsync("Nov 29 – Dec 5, 2026");

        await calendar.OpenSlotAsync("2026-12-02", "10:00");
        var window = calendar.Window;
        await window.GetByLabel("Client", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Noncewell, Perpetua" });
        await Expect(window.GetByLabel("Time", new() { Exact = true })).ToHaveValueAsync("10:00");
        await window.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(calendar.Event("Noncewell")).ToHaveCountAsync(1);
        await Page.SaveScreenshotAsync("saved-under-csp");
        await Page.GotoAsync("/Clients");
        await Expect(Page.GetByText("Noncewell")).ToBeVisibleAsync();

        Assert.Empty(violations);
    }
}
