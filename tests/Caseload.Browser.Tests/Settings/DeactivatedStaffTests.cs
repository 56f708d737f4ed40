using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Settings;

public sealed class DeactivatedStaffTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task DeactivateAClinician_WhileTheirAppIsOpen_SendsTheirNextClickToSignInThenReactivatingLetsThemBackIn()
    {
        var clinician = await Site.Host.AddStaffAsync("Anthony Gethryn", "Clinician");
        await Site.Host.AddClientAsync("Anthony Gethryn", "Rosalind", "Ashby", "1980-03-15");
        await using var clinicianContext = await Site.NewContextAsync();
        var clinicianPage = await clinicianContext.NewPageAsync();
        await SignInAsync(clinicianPage, clinician);
        await clinicianPage.GotoAsync("/Clients");
        var client = clinicianPage.GetByRole(AriaRole.Link, new() { Name = "Ashby, Rosalind" });
        await Expect(client).ToBeVisibleAsync();
        await clinicianPage.SaveScreenshotAsync("clinician-clients");

        await SignInAsync(CaseloadApp.AdminEmail);
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Staff", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Anthony Gethryn" }).ClickAsync();
        await Expect(Page.GetByTestId("staff-state")).ToHaveTextAsync("Active");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Deactivate Anthony Gethryn" }).ClickAsync();
        await Expect(Page.GetByTestId("staff-state")).ToHaveTextAsync("Switched off");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Reactivate Anthony Gethryn" })).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("deactivated");

        await client.ClickAsync();

        await Expect(clinicianPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login\\?ReturnUrl="));
        await Expect(clinicianPage.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Caseload" })).ToBeVisibleAsync();
        await Expect(clinicianPage.GetByText("Rosalind")).ToHaveCountAsync(0);
        await clinicianPage.SaveScreenshotAsync("clinician-signed-out");

        await clinicianPage.GetByLabel("Email", new() { Exact = true }).FillAsync(clinician);
        await clinicianPage.GetByLabel("Password", new() { Exact = true }).FillAsync(CaseloadApp.Password);
        await clinicianPage.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(clinicianPage.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is not right.");
        await Expect(clinicianPage.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Caseload" })).ToBeVisibleAsync();
        await clinicianPage.SaveScreenshotAsync("clinician-refused");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Reactivate Anthony Gethryn" }).ClickAsync();
        await Expect(Page.GetByTestId("staff-state")).ToHaveTextAsync("Active");
        await Page.SaveScreenshotAsync("reactivated");

        await SignInAsync(clinicianPage, clinician);
        await clinicianPage.GotoAsync("/Clients");
        await client.ClickAsync();
        await Expect(clinicianPage.GetByRole(AriaRole.Heading, new() { Name = "Rosalind Ashby" })).ToBeVisibleAsync();
        await clinicianPage.SaveScreenshotAsync("clinician-back");
    }
}
