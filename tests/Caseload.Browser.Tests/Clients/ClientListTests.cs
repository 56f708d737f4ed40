using System.Text.RegularExpressions;
using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Clients;

public sealed class ClientListTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task ClientChart_OfAnotherClinicianClient_ShowsNotFoundAndTheListLeavesThemOut()
    {
        await Site.Host.AddStaffAsync("Albert Campion", "Clinician");
        var theirs = await Site.Host.AddClientAsync("Albert Campion", "Lugg", "Magersfontein", "1960-10-10");
        await SignInAsync(await Site.Host.AddStaffAsync("Amanda Fitton", "Clinician"));
        await Site.Host.AddClientAsync("Amanda Fitton", "Priya", "Ramaswamy", "1995-12-24");

        var response = await Page.GotoAsync($"/Clients/{theirs}");

        Assert.Equal(404, response!.Status);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync("This page does not exist, or it is not yours to see");
        await Expect(Page.GetByText("Magersfontein")).ToHaveCountAsync(0);
        await Page.SaveScreenshotAsync("not-found");

        await Page.GotoAsync("/Clients");

        await Expect(Page.Locator("tbody tr").GetByRole(AriaRole.Link)).ToHaveTextAsync(["Ramaswamy, Priya"]);
        await Expect(Page.GetByText("Magersfontein")).ToHaveCountAsync(0);
        await Expect(Page.GetByLabel("Clinician", new() { Exact = true })).ToHaveCountAsync(0);
        await Page.SaveScreenshotAsync("own-caseload-only");
    }

    [Fact]
    public async Task SearchClients_ByPartOfALastName_ListsOnlyTheClientsWhoseNameHasIt()
    {
        await SignInAsync(await Site.Host.AddStaffAsync("Gervase Fen", "Clinician"));
        await Site.Host.AddClientAsync("Gervase Fen", "Pell", "Quarrington", "1972-04-01");
        await Site.Host.AddClientAsync("Gervase Fen", "Ada", "Quarrie", "2001-09-15");
        await Site.Host.AddClientAsync("Gervase Fen", "Tomas", "Abernethy", "1983-01-30");
        await Page.GotoAsync("/Clients");
        await Expect(Page.Locator("tbody tr")).ToHaveCountAsync(3);

        await Page.GetByLabel("Name or date of birth").FillAsync("quarr");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/Clients\?q=quarr"));
        await Expect(Page.Locator("tbody tr").GetByRole(AriaRole.Link)).ToHaveTextAsync(["Quarrie, Ada", "Quarrington, Pell"]);
        await Expect(Page.Locator("tbody tr").Nth(1).GetByRole(AriaRole.Cell))
            .ToHaveTextAsync(["Quarrington, Pell", "04/01/1972", "Self-pay", "Active"]);
        await Expect(Page.GetByText("2 client(s)", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Name or date of birth")).ToHaveValueAsync("quarr");
        await Page.SaveScreenshotAsync("by-last-name");
    }

    [Fact]
    public async Task SearchClients_ByDateOfBirth_ListsOnlyTheClientsBornThatDay()
    {
        await SignInAsync(await Site.Host.AddStaffAsync("Beatrice Bradley", "Clinician"));
        await Site.Host.AddClientAsync("Beatrice Bradley", "Leap", "Yearwood", "1984-02-29");
        await Site.Host.AddClientAsync("Beatrice Bradley", "Dora", "Feb", "1984-02-28");
        await Site.Host.AddClientAsync("Beatrice Bradley", "Hal", "Brandt", "1984-02-29");
        await Page.GotoAsync("/Clients");

        await Page.GetByLabel("Name or date of birth").FillAsync("1984-02-29");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();

        await Expect(Page.Locator("tbody tr").GetByRole(AriaRole.Link)).ToHaveTextAsync(["Brandt, Hal", "Yearwood, Leap"]);
        await Expect(Page.Locator("tbody tr").GetByRole(AriaRole.Cell).Filter(new() { HasText = "1984-02-28" })).ToHaveCountAsync(0);
        await Expect(Page.GetByText("2 client(s)", new() { Exact = true })).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("by-date-of-birth");
    }
}
