using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Scheduling;

/// <summary>Removing an invitee: from one future appointment only, never once the session's day has come (rule 6).</summary>
public sealed class InviteeRemovalTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task RemoveInvitee_FromTomorrowsSession_TakesThemOffThatOccurrenceOnly_AndTheyStayInTheGroup()
    {
        await Site.Host.AddStaffAsync("Gideon Fell", "Clinician");
        var marta = await Site.Host.AddClientAsync("Gideon Fell", "Marta", "Olsen", "1982-06-03");
        var rafael = await Site.Host.AddClientAsync("Gideon Fell", "Rafael", "Quiroga", "1977-01-28");
        var sunniva = await Site.Host.AddClientAsync("Gideon Fell", "Sunniva", "Berg", "1996-10-09");
        var group = await Site.Host.AddGroupAsync("Gideon Fell", "Wednesday bereavement group", marta, rafael, sunniva);
        var sessions = await Site.Host.AddWeeklyGroupAppointmentsAsync("Gideon Fell", group, "2026-12-02T17:00", sessions: 2);
        await SignInAsync(await Site.Host.AddStaffAsync("Ellery Queen", "Scheduler"));
        string? asked = null;
        Page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await dialog.AcceptAsync();
        };
        var invitees = Page.GetByTestId("invitees").Locator("tbody tr[data-client]");

        await Page.GotoAsync($"/Appointments/{sessions[0]}");
        await Expect(Page.GetByTestId("when")).ToContainTextAsync("Wednesday 2 December 2026");
        await Expect(invitees).ToHaveCountAsync(3);
        await Expect(Page.GetByText("Attendance from the session's day").First).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("tomorrow-with-three");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Remove Rafael Quiroga" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Removed from this appointment; the client stays in the group.");
        Assert.Equal("Remove Rafael Quiroga from this appointment only? They stay in the group and in the series' other appointments.", asked);
        await Expect(invitees).ToHaveCountAsync(2);
        await Expect(invitees.Filter(new() { HasText = "Rafael Quiroga" })).ToHaveCountAsync(0);
        await Expect(invitees.Filter(new() { HasText = "Marta Olsen" })).ToHaveCountAsync(1);
        await Expect(invitees.Filter(new() { HasText = "Sunniva Berg" })).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("history")).ToContainTextAsync("Ellery Queen: Removed Rafael Quiroga from this appointment.");
        await Page.SaveScreenshotAsync("removed-from-tomorrow");

        await Page.GotoAsync($"/Appointments/{sessions[1]}");
        await Expect(Page.GetByTestId("when")).ToContainTextAsync("Wednesday 9 December 2026");
        await Expect(invitees).ToHaveCountAsync(3);
        await Expect(invitees.Filter(new() { HasText = "Rafael Quiroga" })).ToHaveCountAsync(1);
        // Only the booking: nothing since changed its invitees or attendance.
        await Expect(Page.GetByTestId("history").Locator("li")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("history")).ToContainTextAsync("Booked.");
        await Page.SaveScreenshotAsync("next-week-keeps-them");
        await Page.GetByRole(AriaRole.Link, new() { Name = "the group" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wednesday bereavement group");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Remove Rafael Quiroga" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Quiroga, Rafael" }).First).ToBeVisibleAsync();
        await Expect(Page.GetByText("Gideon Fell · 90853 · 3 members")).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("still-a-member");
    }

    [Fact]
    public async Task RemoveInvitee_OnTheDayAfterSaving_IsNotOffered_AndTheApiRefusesItAsLocked()
    {
        var email = await Site.Host.AddStaffAsync("Jules Maigret", "Clinician");
        var louise = await Site.Host.AddClientAsync("Jules Maigret", "Louise", "Arnaud", "1988-12-14");
        var yannick = await Site.Host.AddClientAsync("Jules Maigret", "Yannick", "Morel", "1971-05-06");
        var group = await Site.Host.AddGroupAsync("Jules Maigret", "Tuesday relapse prevention", louise, yannick);
        var today = await Site.Host.AddGroupAppointmentAsync("Jules Maigret", group, "2026-12-01T13:00");
        await SignInAsync(email);
        var invitees = Page.GetByTestId("invitees");

        await Page.GotoAsync($"/Appointments/{today}");

        await Expect(Page.GetByTestId("when")).ToContainTextAsync("Tuesday 1 December 2026");
        await Expect(invitees.Locator("tbody tr[data-client]")).ToHaveCountAsync(2);
        await Expect(Page.GetByText("This session's day has come: the invitee list is fixed. Mark everyone attended, then the exceptions.")).ToBeVisibleAsync();
        await Expect(invitees.GetByRole(AriaRole.Button, new() { Name = "Remove" })).ToHaveCountAsync(0);
        foreach (var name in new[] { "Louise Arnaud", "Yannick Morel" })
        {
            await Expect(invitees.GetByRole(AriaRole.Button, new() { Name = $"Attended: {name}" })).ToBeVisibleAsync();
            await Expect(invitees.GetByRole(AriaRole.Button, new() { Name = $"Missed: {name}" })).ToBeVisibleAsync();
        }

        await Page.SaveScreenshotAsync("today-list-fixed");

        // The page's own token, as a script of the page would send it: without it the API refuses the cookie (antiforgery).
        var refused = await Page.APIRequest.DeleteAsync($"/api/v1/appointments/{today}/invitees/{yannick}", new() { Headers = await Page.AntiforgeryHeaderAsync() });

        Assert.Equal(409, refused.Status);
        var problem = (await refused.JsonAsync())!.Value;
        Assert.Equal("invitee-removal-locked", problem.GetProperty("code").GetString());
        Assert.Equal("Today's appointment is saved: its invitees can no longer be removed. Mark the client as missed instead.",
            problem.GetProperty("title").GetString());
        await Page.ReloadAsync();
        await Expect(invitees.Locator("tbody tr[data-client]")).ToHaveCountAsync(2);
        await Expect(invitees.Locator("tr[data-client='Yannick Morel'] .badge")).ToHaveTextAsync("invited");
        // Only the booking: nothing since changed its invitees or attendance.
        await Expect(Page.GetByTestId("history").Locator("li")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("history")).ToContainTextAsync("Booked.");
    }
}
