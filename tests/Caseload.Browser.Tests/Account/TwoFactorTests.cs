using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Account;

public sealed class TwoFactorTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task TwoFactor_EnrolThenSignOutAndIn_AsksForTheCodeAfterThePassword()
    {
        var email = await Site.Host.AddStaffAsync("Robin Twofactor", "Clinician");
        await SignInAsync(email);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Two-factor" }).ClickAsync();
        await Expect(Page.GetByTestId("qr-code").Locator("svg")).ToBeVisibleAsync();
        var key = (await Page.GetByTestId("shared-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await Page.SaveScreenshotAsync("enrolment");

        await Page.GetByLabel("Code", new() { Exact = true }).FillAsync(Totp.Code(key, Site.Host.Time.GetUtcNow()));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(Page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await Page.SaveScreenshotAsync("recovery-codes");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Page.GotoAsync("/Account/Login");
        await Page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(CaseloadApp.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in" })).ToBeVisibleAsync();
        await Page.GetByLabel("Code", new() { Exact = true }).FillAsync(Totp.Code(key, Site.Host.Time.GetUtcNow()));
        await Page.SaveScreenshotAsync("code-step");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Uri(Site.Host.Address, "/").ToString());
        await Expect(Page.GetByTestId("signed-in-user")).ToContainTextAsync(email);
    }
}
