using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Groups;

/// <summary>The group page: several of the clinician's clients join in one action, and the roster sync keeps a deliberate removal.</summary>
public sealed class AddSeveralMembersTests(CaseloadSite site) : BrowserTest(site)
{
    private ILocator MemberRows() => Page.Locator(".card").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = "Members" }) })
        .Locator("tbody tr").Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = "Remove" }) });

    [Fact]
    public async Task ClinicianPicksThreeClients_AndAddsThemInOneAction_AllJoinToday()
    {
        var email = await Site.Host.AddStaffAsync("Barnaby Quell", "Clinician");
        await Site.Host.AddClientAsync("Barnaby Quell", "Ines", "Valdivia", "1987-03-11");
        await Site.Host.AddClientAsync("Barnaby Quell", "Jonas", "Aberline", "1979-06-30");
        await Site.Host.AddClientAsync("Barnaby Quell", "Kemi", "Adeyemi", "1993-12-02");
        await Site.Host.AddClientAsync("Barnaby Quell", "Lars", "Thorvald", "1969-01-19");
        var group = await Site.Host.AddGroupAsync("Barnaby Quell", "Wednesday men's group");
        await SignInAsync(email);

        await Page.GotoAsync($"/Groups/{group}");
        var choices = Page.GetByLabel("Add a member");
        await choices.SelectOptionAsync([
            new SelectOptionValue { Label = "Aberline, Jonas" },
            new SelectOptionValue { Label = "Adeyemi, Kemi" },
            new SelectOptionValue { Label = "Valdivia, Ines" },
        ]);
        await Page.SaveScreenshotAsync("three-chosen");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add members" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Jonas Aberline, Kemi Adeyemi and Ines Valdivia joined the group.");
        await Expect(MemberRows().Locator("td:first-child")).ToHaveTextAsync(["Aberline, Jonas", "Adeyemi, Kemi", "Valdivia, Ines"]);
        await Expect(Page.GetByText("Barnaby Quell · 90853 · 3 members")).ToBeVisibleAsync();
        await Expect(choices.Locator("option")).ToHaveTextAsync(["Thorvald, Lars"]);
        await Page.SaveScreenshotAsync("three-joined");
    }

    [Fact]
    public async Task FrontDeskPicksOwnAndAnotherClinicansClient_NobodyJoins_AndTheRefusalSaysWhy_Rule1()
    {
        await Site.Host.AddStaffAsync("Perpetua Vane", "Clinician");
        await Site.Host.AddStaffAsync("Magersfontein Lugg", "Clinician");
        await Site.Host.AddClientAsync("Perpetua Vane", "Noor", "Haddad", "1990-02-02");
        await Site.Host.AddClientAsync("Magersfontein Lugg", "Pavel", "Orlov", "1970-07-07");
        var group = await Site.Host.AddGroupAsync("Perpetua Vane", "Friday DBT skills");
        await SignInAsync(await Site.Host.AddStaffAsync("Lysander Oakes", "Scheduler"));

        await Page.GotoAsync($"/Groups/{group}");
        await Page.GetByLabel("Add a member").SelectOptionAsync([
            new SelectOptionValue { Label = "Haddad, Noor" },
            new SelectOptionValue { Label = "Orlov, Pavel" },
        ]);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add members" }).ClickAsync();

        await Expect(Page.GetByTestId("group-message")).ToContainTextAsync("That client is on another clinician's caseload.");
        await Expect(MemberRows()).ToHaveCountAsync(0);
        await Expect(Page.GetByText("Perpetua Vane · 90853 · 0 members")).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("refused");
    }
}
