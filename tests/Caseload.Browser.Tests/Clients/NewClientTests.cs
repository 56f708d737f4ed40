using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Clients;

public sealed class NewClientTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task NewClient_WithEmptyNamesAFutureBirthDateAndInsuranceWithoutPayer_SaysSoBesideEachFieldAndCreatesNothing()
    {
        await SignInAsync(await Site.Host.AddStaffAsync("Roberta Grant", "Clinician"));
        await Page.GotoAsync("/Clients/New");
        await Page.GetByLabel("Date of birth").FillAsync("2027-03-15");
        await Page.GetByRole(AriaRole.Radio, new() { Name = "Insurance" }).CheckAsync();
        await Page.GetByLabel("Member id").FillAsync("ZX-100");
        await Page.GetByLabel("Copay").FillAsync("10");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Create client" }).ClickAsync();

        await Expect(Message("Input.FirstName")).ToHaveTextAsync("Enter the first name (at most 100 characters).");
        await Expect(Message("Input.LastName")).ToHaveTextAsync("Enter the last name (at most 100 characters).");
        await Expect(Message("Input.DateOfBirth")).ToHaveTextAsync("Enter a date of birth between 1900 and today.");
        await Expect(Message("Input.Payer")).ToHaveTextAsync("Enter the insurance payer's name.");
        await Expect(Message("Input.MemberId")).ToBeEmptyAsync();
        await Expect(Message("Input.Copay")).ToBeEmptyAsync();
        await Expect(Page.GetByLabel("Date of birth")).ToHaveValueAsync("2027-03-15");
        await Expect(Page.GetByRole(AriaRole.Radio, new() { Name = "Insurance" })).ToBeCheckedAsync();
        await Expect(Page.GetByLabel("Member id")).ToHaveValueAsync("ZX-100");
        await Expect(Page).ToHaveURLAsync(new Uri(Site.Host.Address, "/Clients/New").ToString());
        await Page.SaveScreenshotAsync("refused");

        await Page.GotoAsync("/Clients?status=all");

        await Expect(Page.Locator("tbody tr")).ToHaveTextAsync(["No clients match."]);
        await Expect(Page.GetByText("0 client(s)", new() { Exact = true })).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("nothing-created");
    }

    [Fact]
    public async Task NewClient_WithTheNameAndBirthDateOfAnExistingClient_WarnsThenCreateAnywayCreatesASecond()
    {
        await SignInAsync(await Site.Host.AddStaffAsync("Lucy Pym", "Clinician"));
        await Site.Host.AddClientAsync("Lucy Pym", "Ines", "Duplessis", "1979-06-30");
        await Page.GotoAsync("/Clients/New");
        await Page.GetByLabel("First name").FillAsync("Ines");
        await Page.GetByLabel("Last name").FillAsync("Duplessis");
        await Page.GetByLabel("Date of birth").FillAsync("1979-06-30");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Create client" }).ClickAsync();

        await Expect(Page.GetByTestId("duplicate-warning")).ToContainTextAsync(
            "A client named Ines Duplessis born 1979-06-30 already exists. Check before creating a second record.");
        await Expect(Page).ToHaveURLAsync(new Uri(Site.Host.Address, "/Clients/New").ToString());
        await Expect(Page.GetByLabel("Last name")).ToHaveValueAsync("Duplessis");
        await Page.SaveScreenshotAsync("warned");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Create anyway" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ines Duplessis");
        await Expect(Page.GetByText("Born 06/30/1979 · Lucy Pym")).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("created-anyway");

        await Page.GotoAsync("/Clients?q=Duplessis");

        await Expect(Page.Locator("tbody tr").GetByRole(AriaRole.Link)).ToHaveTextAsync(["Duplessis, Ines", "Duplessis, Ines"]);
        await Page.SaveScreenshotAsync("two-records");
    }

    private ILocator Message(string field) => Page.Locator($"[data-valmsg-for='{field}']");
}
