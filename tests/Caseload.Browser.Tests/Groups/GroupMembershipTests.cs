using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Groups;

public sealed class GroupMembershipTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task ClinicianCreatesTwoClientsAndAGroup_ThroughTheForms_BothJoinTheGroupToday()
    {
        await SignInAsync(await Site.Host.AddStaffAsync("Harriet Vane", "Clinician"));

        await Page.GotoAsync("/Clients");
        await Page.GetByRole(AriaRole.Link, new() { Name = "+ New client" }).ClickAsync();
        await Expect(Page.GetByLabel("Primary clinician")).ToHaveValueAsync("Harriet Vane");
        await Expect(Page.GetByLabel("Primary clinician")).Not.ToBeEditableAsync();
        await FillClientAsync("Amara", "Okafor", "1991-05-14");
        await Page.GetByLabel("Email", new() { Exact = true }).FillAsync("amara.okafor@example.com");
        await Page.GetByLabel("Email reminders").CheckAsync();
        await Expect(Page.GetByRole(AriaRole.Radio, new() { Name = "Self-pay" })).ToBeCheckedAsync();
        await Page.SaveScreenshotAsync("self-pay-filled-in");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create client" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Amara Okafor");
        await Expect(Page.GetByText("Born 05/14/1991 · Harriet Vane")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("billing")).ToContainTextAsync("Self-pay");
        await Page.SaveScreenshotAsync("self-pay-chart");

        await Page.GotoAsync("/Clients/New");
        await FillClientAsync("Bruno", "Castellanos", "1978-11-02");
        await Page.GetByRole(AriaRole.Radio, new() { Name = "Insurance" }).CheckAsync();
        await Page.GetByLabel("Insurance payer").FillAsync("Blue Harbor Health");
        await Page.GetByLabel("Member id").FillAsync("BHH-4471-09");
        await Page.GetByLabel("Copay").FillAsync("25");
        await Page.SaveScreenshotAsync("insured-filled-in");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create client" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bruno Castellanos");
        var billing = Page.GetByTestId("billing");
        await Expect(billing).ToContainTextAsync("Insurance: Blue Harbor Health");
        await Expect(billing).ToContainTextAsync("BHH-4471-09");
        await Expect(billing).ToContainTextAsync("25.00");
        await Page.SaveScreenshotAsync("insured-chart");

        await Page.GotoAsync("/Groups");
        await Page.GetByRole(AriaRole.Link, new() { Name = "+ New group" }).ClickAsync();
        await Expect(Page.GetByLabel("Clinician who runs it")).ToHaveCountAsync(0);
        await Page.GetByLabel("Group name").FillAsync("Tuesday DBT skills");
        await Expect(Page.GetByLabel("Default service code")).ToHaveValueAsync("90853");
        await Page.GetByLabel("Capacity (optional)").FillAsync("8");
        await Page.GetByLabel("Title clients see (optional)").FillAsync("Tuesday evening group");
        await Page.SaveScreenshotAsync("group-filled-in");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tuesday DBT skills");
        await Expect(Page.GetByText("Harriet Vane · 90853 · 0 members (capacity 8)")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("client-title")).ToHaveTextAsync("Clients see it as “Tuesday evening group”");
        await Expect(Page.GetByTestId("snapshot-notice")).ToContainTextAsync("does not change appointments already scheduled");
        await Page.SaveScreenshotAsync("group-created");

        await AddMemberAsync("Okafor, Amara");
        await AddMemberAsync("Castellanos, Bruno");

        await Expect(MemberRows()).ToHaveCountAsync(2);
        await Expect(MemberRows().Nth(0).GetByRole(AriaRole.Cell)).ToHaveTextAsync(["Castellanos, Bruno", "12/01/2026", "Remove"]);
        await Expect(MemberRows().Nth(1).GetByRole(AriaRole.Cell)).ToHaveTextAsync(["Okafor, Amara", "12/01/2026", "Remove"]);
        var history = Page.GetByTestId("history").Locator("tbody tr");
        await Expect(history.Filter(new() { HasText = "Okafor, Amara" }).GetByRole(AriaRole.Cell)).ToHaveTextAsync(["Okafor, Amara", "12/01/2026", "—"]);
        await Expect(history.Filter(new() { HasText = "Castellanos, Bruno" }).GetByRole(AriaRole.Cell)).ToHaveTextAsync(["Castellanos, Bruno", "12/01/2026", "—"]);
        await Expect(Page.GetByText("Harriet Vane · 90853 · 2 members (capacity 8)")).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("both-members");

        await MemberRows().GetByRole(AriaRole.Link, new() { Name = "Okafor, Amara" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Amara Okafor");
        var groups = Page.Locator(".card").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = "Groups" }) });
        await Expect(groups.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["Tuesday DBT skills joined 12/01/2026"]);
        await Page.SaveScreenshotAsync("chart-in-group");
    }

    [Fact]
    public async Task AddMember_ByTheFrontDeskFromAnotherClinicianCaseload_IsRefusedByNameAndTheMembersStayTheSame()
    {
        await Site.Host.AddStaffAsync("Peter Wimsey", "Clinician");
        await Site.Host.AddStaffAsync("Mervyn Bunter", "Clinician");
        var own = await Site.Host.AddClientAsync("Peter Wimsey", "Gwen", "Ashdown", "1985-03-09");
        await Site.Host.AddClientAsync("Mervyn Bunter", "Otto", "Feldmann", "1969-08-21");
        var group = await Site.Host.AddGroupAsync("Peter Wimsey", "Thursday grief support", own);
        await SignInAsync(await Site.Host.AddStaffAsync("Frankie Desk", "Scheduler"));

        await Page.GotoAsync($"/Groups/{group}");
        var choices = Page.GetByLabel("Add a member");
        await Expect(choices.Locator("optgroup[label='Mervyn Bunter'] option")).ToHaveTextAsync(["Feldmann, Otto"]);
        await choices.SelectOptionAsync(new SelectOptionValue { Label = "Feldmann, Otto" });
        await Page.SaveScreenshotAsync("other-caseload-chosen");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();

        await Expect(Page.GetByTestId("group-message")).ToHaveTextAsync(
            "That client is on another clinician's caseload. A group can only hold its own clinician's clients.");
        await Expect(MemberRows()).ToHaveCountAsync(1);
        await Expect(MemberRows().GetByRole(AriaRole.Cell).First).ToHaveTextAsync("Ashdown, Gwen");
        await Expect(Page.GetByTestId("history").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(Page.GetByText("Peter Wimsey · 90853 · 1 member")).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("refused");
    }

    [Fact]
    public async Task RemoveMember_AfterConfirming_MovesThemToTheHistoryWithTodayAsTheLeftDate()
    {
        await SignInAsync(await Site.Host.AddStaffAsync("Alleyn Roderick", "Clinician"));
        var staying = await Site.Host.AddClientAsync("Alleyn Roderick", "Nell", "Brackenbury", "1990-01-17");
        var leaving = await Site.Host.AddClientAsync("Alleyn Roderick", "Mina", "Larkspur", "1988-07-04");
        var group = await Site.Host.AddGroupAsync("Alleyn Roderick", "Monday anxiety group", staying, leaving);
        string? asked = null;
        Page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await dialog.AcceptAsync();
        };

        await Page.GotoAsync($"/Groups/{group}");
        await Expect(MemberRows()).ToHaveCountAsync(2);
        await Page.SaveScreenshotAsync("two-members");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Remove Mina Larkspur" }).ClickAsync();

        await Expect(MemberRows()).ToHaveCountAsync(1);
        Assert.Equal("Remove Mina Larkspur from the group? Appointments already scheduled keep them.", asked);
        await Expect(MemberRows().GetByRole(AriaRole.Cell).First).ToHaveTextAsync("Brackenbury, Nell");
        await Expect(MemberRows().Filter(new() { HasText = "Larkspur, Mina" })).ToHaveCountAsync(0);
        var history = Page.GetByTestId("history").Locator("tbody tr");
        await Expect(history.Filter(new() { HasText = "Larkspur, Mina" }).GetByRole(AriaRole.Cell)).ToHaveTextAsync(["Larkspur, Mina", "12/01/2026", "12/01/2026"]);
        await Expect(history.Filter(new() { HasText = "Brackenbury, Nell" }).GetByRole(AriaRole.Cell)).ToHaveTextAsync(["Brackenbury, Nell", "12/01/2026", "—"]);
        await Expect(Page.GetByLabel("Add a member").Locator("option", new() { HasText = "Larkspur, Mina" })).ToHaveCountAsync(1);
        await Page.SaveScreenshotAsync("removed");
    }

    private ILocator MemberRows() => Page.Locator(".card")
        .Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = "Members", Exact = true }) })
        .Locator("tbody tr");

    private async Task FillClientAsync(string firstName, string lastName, string dateOfBirth)
    {
        await Page.GetByLabel("First name").FillAsync(firstName);
        await Page.GetByLabel("Last name").FillAsync(lastName);
        await Page.GetByLabel("Date of birth").FillAsync(dateOfBirth);
    }

    /// <summary>Picks the client as the select lists them ("Last, First") and waits for the page that no longer offers them.</summary>
    private async Task AddMemberAsync(string listedAs)
    {
        await Page.GetByLabel("Add a member").SelectOptionAsync(new SelectOptionValue { Label = listedAs });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(Page.GetByLabel("Add a member").Locator("option", new() { HasText = listedAs })).ToHaveCountAsync(0);
    }
}
