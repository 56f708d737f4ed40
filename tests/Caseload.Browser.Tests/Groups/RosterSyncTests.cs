using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Groups;

/// <summary>Sync roster to future appointments: the explicit way a new member reaches sessions already booked (rule 5).</summary>
public sealed class RosterSyncTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task SyncRoster_AfterANewMemberJoins_AddsThemToEachSessionFromTomorrowOn_ListsEach_AndLeavesTodaysSessionAlone()
    {
        var email = await Site.Host.AddStaffAsync("Katharine Climpson", "Clinician");
        var nadia = await Site.Host.AddClientAsync("Katharine Climpson", "Nadia", "Petrova", "1985-02-14");
        var owen = await Site.Host.AddClientAsync("Katharine Climpson", "Owen", "Tremayne", "1990-08-22");
        await Site.Host.AddClientAsync("Katharine Climpson", "Lior", "Ben-Haim", "1994-04-04");
        var group = await Site.Host.AddGroupAsync("Katharine Climpson", "Trauma recovery group", nadia, owen);
        var today = await Site.Host.AddGroupAppointmentAsync("Katharine Climpson", group, "2026-12-01T18:00");
        await Site.Host.AddWeeklyGroupAppointmentsAsync("Katharine Climpson", group, "2026-12-02T18:00", sessions: 2);
        await SignInAsync(email);
        string? asked = null;
        Page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await dialog.AcceptAsync();
        };

        await Page.GotoAsync($"/Groups/{group}");
        await Page.GetByLabel("Add a member").SelectOptionAsync(new SelectOptionValue { Label = "Ben-Haim, Lior" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(Page.GetByText("Katharine Climpson · 90853 · 3 members")).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("new-member");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sync roster to future appointments" }).ClickAsync();

        var report = Page.GetByTestId("roster-report");
        await Expect(report.GetByRole(AriaRole.Heading, new() { Name = "Roster sync" })).ToBeVisibleAsync();
        Assert.Equal(
            "Bring the group's appointments from tomorrow on in line with its current members? Appointments with a note or a payment are left as they are.",
            asked);
        var changed = report.GetByRole(AriaRole.Listitem);
        await Expect(changed).ToHaveCountAsync(2);
        await Expect(changed.Nth(0)).ToContainTextAsync("Wed 12/02/2026");
        await Expect(changed.Nth(1)).ToContainTextAsync("Wed 12/09/2026");
        foreach (var item in new[] { changed.Nth(0), changed.Nth(1) })
        {
            await Expect(item).ToContainTextAsync("added Ben-Haim, Lior");
            await Expect(item).Not.ToContainTextAsync("removed");
        }

        await Expect(report).Not.ToContainTextAsync("Tue 12/01/2026");
        await Expect(report).Not.ToContainTextAsync("Left as they are");
        await Page.SaveScreenshotAsync("report");
        await changed.Nth(0).GetByRole(AriaRole.Link).ClickAsync();

        var invitees = Page.GetByTestId("invitees").Locator("tbody tr[data-client]");
        await Expect(Page.GetByTestId("when")).ToContainTextAsync("Wednesday 2 December 2026");
        await Expect(invitees).ToHaveCountAsync(3);
        await Expect(invitees.Filter(new() { HasText = "Lior Ben-Haim" })).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("history")).ToContainTextAsync("Katharine Climpson: Roster synced with the group: added Lior Ben-Haim.");
        await Page.SaveScreenshotAsync("tomorrow-synced");

        await Page.GotoAsync($"/Appointments/{today}");
        await Expect(Page.GetByTestId("when")).ToContainTextAsync("Tuesday 1 December 2026");
        await Expect(invitees).ToHaveCountAsync(2);
        await Expect(invitees.Filter(new() { HasText = "Lior Ben-Haim" })).ToHaveCountAsync(0);
        // Only the booking: nothing since changed its invitees or attendance.
        await Expect(Page.GetByTestId("history").Locator("li")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("history")).ToContainTextAsync("Booked.");
        await Page.SaveScreenshotAsync("today-unchanged");
    }
}
