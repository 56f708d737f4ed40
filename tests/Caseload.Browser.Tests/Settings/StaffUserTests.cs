using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Settings;

public sealed class StaffUserTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task AddStaffUser_AsClinician_ShowsThemInTheStaffTableThenABadEmailIsNamedBesideTheField()
    {
        await SignInAsync(CaseloadApp.AdminEmail);
        await Page.GotoAsync("/Settings/Users");
        await Page.SaveScreenshotAsync("form");

        await FillAsync("Robin Hale", "robin.hale@test.example", "Clinician", "LCSW");
        await Page.SaveScreenshotAsync("filled-in");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add staff user" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("robin.hale@test.example can now sign in.");
        var robin = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Robin Hale" });
        await Expect(robin.GetByRole(AriaRole.Cell)).ToHaveTextAsync(["Robin Hale", "robin.hale@test.example", "Clinician", "Active", "Off"]);
        await Page.SaveScreenshotAsync("added");

        await FillAsync("Kim Typo", "kim.typo-at-test.example", "Clinician", "LPC");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add staff user" }).ClickAsync();

        await Expect(Page.Locator("[data-valmsg-for='Input.Email']")).ToHaveTextAsync("Enter a valid email address.");
        await Expect(Page.GetByLabel("Email (signs in with it)")).ToHaveValueAsync("kim.typo-at-test.example");
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Kim Typo" })).ToHaveCountAsync(0);
        await Page.SaveScreenshotAsync("bad-email");
    }

    private async Task FillAsync(string name, string email, string role, string credentials)
    {
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await Page.GetByLabel("Email (signs in with it)").FillAsync(email);
        await Page.GetByLabel("First password").FillAsync("Robin-password-1");
        await Page.GetByRole(AriaRole.Checkbox, new() { Name = role, Exact = true }).CheckAsync();
        await Page.GetByLabel("Credentials").FillAsync(credentials);
    }
}
