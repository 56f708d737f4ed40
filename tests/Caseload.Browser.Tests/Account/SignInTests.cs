using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Account;

public sealed class SignInTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task SignIn_WithTheRightPassword_LandsOnTheDashboard()
    {
        await Page.GotoAsync("/Account/Login");
        await Page.GetByLabel("Email", new() { Exact = true }).FillAsync(CaseloadApp.AdminEmail);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(CaseloadApp.Password);
        await Page.SaveScreenshotAsync("filled-in");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Uri(Site.Host.Address, "/").ToString());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My practice");
        await Expect(Page.GetByTestId("practice-today")).ToContainTextAsync("Tuesday 1 December 2026");
        var user = Page.GetByTestId("signed-in-user");
        await Expect(user).ToContainTextAsync("Administrator");
        await Expect(user).ToContainTextAsync(CaseloadApp.AdminEmail);
        await Page.SaveScreenshotAsync("dashboard");
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSoAndStaysOnSignIn()
    {
        var email = await Site.Host.AddStaffAsync("Casey Mistype", "Scheduler");
        await Page.GotoAsync("/Account/Login");
        await Page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync("Not-the-password-1");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is not right.");
        await Expect(Page).ToHaveURLAsync(new Uri(Site.Host.Address, "/Account/Login").ToString());
        await Expect(Page.GetByLabel("Email", new() { Exact = true })).ToHaveValueAsync(email);
        await Expect(Page.GetByTestId("signed-in-user")).ToHaveCountAsync(0);
        await Page.SaveScreenshotAsync("refused");
    }

    [Fact]
    public async Task SignOut_FromTheNavbar_EndsTheSessionSoPagesAskToSignInAgain()
    {
        await SignInAsync(CaseloadApp.AdminEmail);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "You are signed out" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("signed-in-user")).ToHaveCountAsync(0);
        await Page.SaveScreenshotAsync("signed-out");

        await Page.GotoAsync("/");

        await Expect(Page).ToHaveURLAsync(new Uri(Site.Host.Address, "/Account/Login?ReturnUrl=%2F").ToString());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Caseload" })).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("back-at-sign-in");
    }
}
