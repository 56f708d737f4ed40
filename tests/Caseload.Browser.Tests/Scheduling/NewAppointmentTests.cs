using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Scheduling;

/// <summary>The new-appointment window: from a slot or from Actions, individual or group (rules 2, 3 and 4).</summary>
public sealed class NewAppointmentTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task ClickOnWednesdayAtTwo_PrefillsTheWindow_AndTheSavedSessionShowsThereInTheClinicianColour()
    {
        await SignInAsync(await Site.Host.AddStaffAsync("Cordelia Gray", "Clinician"));
        await Site.Host.AddClientAsync("Cordelia Gray", "Ottilie", "Marchbanks", "1987-02-11");
        var colour = await Site.Host.ClinicianColorAsync("Cordelia Gray");
        var calendar = new PracticeCalendar(Page);
        await Expect(calendar.Title).ToHaveTextAsync("Nov 29 – Dec 5, 2026");
        await Page.SaveScreenshotAsync("empty-week");

        await calendar.OpenSlotAsync("2026-12-02", "14:00");

        var window = calendar.Window;
        await Expect(window.GetByLabel("Date", new() { Exact = true })).ToHaveValueAsync("2026-12-02");
        await Expect(window.GetByLabel("Time", new() { Exact = true })).ToHaveValueAsync("14:00");
        await Expect(window.GetByLabel("Group Appointment")).Not.ToBeCheckedAsync();
        await Expect(window.GetByLabel("Clinician", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(window.GetByLabel("Service code")).ToHaveValueAsync("90834");
        await Expect(window.GetByLabel("Minutes")).ToHaveValueAsync("45");
        await window.GetByLabel("Client", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Marchbanks, Ottilie" });
        await Page.SaveScreenshotAsync("window-filled-in");
        await window.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(window).ToContainTextAsync("Saved 1 appointment.");
        await Expect(window).ToBeHiddenAsync();
        var saved = calendar.Event("Ottilie Marchbanks");
        await Expect(saved).ToHaveCountAsync(1);
        await Expect(saved.Locator(".fc-event-time")).ToHaveTextAsync("2:00pm - 2:45pm");
        await calendar.ExpectAtAsync(saved, "2026-12-02", "14:00");
        await Expect(saved).ToHaveCSSAsync("background-color", colour);
        await Page.SaveScreenshotAsync("saved-on-wednesday");
    }

    [Fact]
    public async Task GroupAppointment_ByTheFrontDeskWithOneInviteeRemovedAndWeeklyForFourSessions_BooksFourLightBlueSessionsWithoutThem()
    {
        await Site.Host.AddStaffAsync("Adam Dalgliesh", "Clinician");
        var amara = await Site.Host.AddClientAsync("Adam Dalgliesh", "Amara", "Quintero", "1991-05-14");
        var bruno = await Site.Host.AddClientAsync("Adam Dalgliesh", "Bruno", "Ferreira", "1978-11-02");
        var chen = await Site.Host.AddClientAsync("Adam Dalgliesh", "Chen", "Whitlock", "1995-09-23");
        await Site.Host.AddGroupAsync("Adam Dalgliesh", "Thursday anxiety group", amara, bruno, chen);
        await SignInAsync(await Site.Host.AddStaffAsync("Tuppence Beresford", "Scheduler"));
        var calendar = new PracticeCalendar(Page);
        var window = calendar.Window;

        await calendar.OpenFromActionsAsync();
        await calendar.ReRenderWindowAsync(() => window.GetByLabel("Group Appointment").CheckAsync());
        await Expect(window.GetByLabel("Group", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(window.GetByLabel("Service code")).ToHaveValueAsync("90853");
        await calendar.ReRenderWindowAsync(() => window.GetByLabel("Clinician", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Adam Dalgliesh" }));
        await Expect(window.GetByLabel("Group", new() { Exact = true }).Locator("option", new() { HasText = "Thursday anxiety group" })).ToHaveCountAsync(1);
        await calendar.ReRenderWindowAsync(() => window.GetByLabel("Group", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Thursday anxiety group" }));

        var invitees = window.GetByTestId("invitees").Locator("tbody tr");
        await Expect(invitees).ToHaveCountAsync(3);
        foreach (var name in new[] { "Amara Quintero", "Bruno Ferreira", "Chen Whitlock" })
        {
            await Expect(invitees.Filter(new() { HasText = name })).ToHaveCountAsync(1);
            await Expect(window.GetByLabel($"Create an Invoice for {name}")).ToBeCheckedAsync();
        }

        await Page.SaveScreenshotAsync("members-invited");
        await window.GetByRole(AriaRole.Button, new() { Name = "Remove Bruno Ferreira" }).ClickAsync();
        await Expect(invitees).ToHaveCountAsync(2);
        await window.GetByLabel("Date", new() { Exact = true }).FillAsync("2026-12-03");
        await window.GetByLabel("Time", new() { Exact = true }).FillAsync("16:00");
        await window.GetByLabel("Location (room or telehealth link)").FillAsync("Room 2");
        await window.GetByLabel("Repeats").SelectOptionAsync(new SelectOptionValue { Label = "Weekly" });
        await Expect(window.GetByLabel("End after a number of sessions")).ToBeCheckedAsync();
        await window.GetByLabel("Sessions", new() { Exact = true }).FillAsync("4");
        await Expect(window.GetByText("If members will come and go, prefer single appointments.")).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("weekly-for-four");
        await window.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(window).ToContainTextAsync("Saved 4 appointments.");
        await Expect(window).ToBeHiddenAsync();
        var session = calendar.Event("Thursday anxiety group (2)");
        foreach (var thursday in new[] { "2026-12-03", "2026-12-10", "2026-12-17", "2026-12-24" })
        {
            if (thursday != "2026-12-03")
            {
                await calendar.NextAsync();
            }

            await Expect(session).ToHaveCountAsync(1);
            await calendar.ExpectAtAsync(session, thursday, "16:00");
            await Expect(session).ToHaveCSSAsync("background-color", PracticeCalendar.LightBlue);
            await Page.SaveScreenshotAsync($"week-of-{thursday}");
        }

        await calendar.NextAsync();
        await Expect(calendar.Title).ToHaveTextAsync("Dec 27, 2026 – Jan 2, 2027");
        await Expect(session).ToHaveCountAsync(0);
        await calendar.ShowAsync("Today");
        await calendar.OpenAsync(session);

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thursday anxiety group (2)");
        await Expect(Page.GetByTestId("when")).ToHaveTextAsync("Thursday 3 December 2026, 4:00 PM · 90 minutes · Adam Dalgliesh · 90853");
        var listed = Page.GetByTestId("invitees").Locator("tbody tr");
        await Expect(listed).ToHaveCountAsync(2);
        await Expect(listed.Locator("td:first-child")).ToHaveTextAsync(["Amara Quintero", "Chen Whitlock"]);
        await Expect(Page.GetByTestId("invitees")).Not.ToContainTextAsync("Bruno Ferreira");
        await Expect(Page.GetByText("This and following in the series")).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("appointment-page");
    }

    [Fact]
    public async Task MemberAddedToTheGroupAfterSaving_IsNotOnTheAppointmentAlreadySaved()
    {
        await SignInAsync(await Site.Host.AddStaffAsync("Kate Fansler", "Clinician"));
        var dara = await Site.Host.AddClientAsync("Kate Fansler", "Dara", "Lindqvist", "1983-04-30");
        var eli = await Site.Host.AddClientAsync("Kate Fansler", "Eli", "Sandoval", "1992-12-08");
        await Site.Host.AddClientAsync("Kate Fansler", "Farah", "Nkemelu", "1989-07-19");
        var group = await Site.Host.AddGroupAsync("Kate Fansler", "Friday grief circle", dara, eli);
        var calendar = new PracticeCalendar(Page);
        var window = calendar.Window;

        await calendar.OpenSlotAsync("2026-12-04", "10:00");
        await calendar.ReRenderWindowAsync(() => window.GetByLabel("Group Appointment").CheckAsync());
        await calendar.ReRenderWindowAsync(() => window.GetByLabel("Group", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Friday grief circle" }));
        await Expect(window.GetByTestId("invitees").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(window.GetByLabel("Date", new() { Exact = true })).ToHaveValueAsync("2026-12-04");
        await Expect(window.GetByLabel("Time", new() { Exact = true })).ToHaveValueAsync("10:00");
        await Expect(window.GetByText("The invitee list is copied into the appointment: later changes to the group do not change it.")).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("group-from-slot");
        await window.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(window).ToContainTextAsync("Saved 1 appointment.");

        await Page.GotoAsync($"/Groups/{group}");
        await Page.GetByLabel("Add a member").SelectOptionAsync(new SelectOptionValue { Label = "Nkemelu, Farah" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(Page.GetByLabel("Add a member").Locator("option", new() { HasText = "Nkemelu, Farah" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Nkemelu, Farah" }).First).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("snapshot-notice")).ToContainTextAsync("does not change appointments already scheduled");
        await Page.SaveScreenshotAsync("member-added");

        await Page.GotoAsync("/");
        var session = calendar.Event("Friday grief circle (2)");
        await calendar.ExpectAtAsync(session, "2026-12-04", "10:00");
        await calendar.OpenAsync(session);

        var listed = Page.GetByTestId("invitees").Locator("tbody tr");
        await Expect(listed.Locator("td:first-child")).ToHaveTextAsync(["Dara Lindqvist", "Eli Sandoval"]);
        await Expect(Page.GetByTestId("invitees")).Not.ToContainTextAsync("Farah Nkemelu");
        await Expect(Page.GetByText("later member changes do not alter it")).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("appointment-keeps-its-list");
    }

    [Fact]
    public async Task SameClinicianAtTheSameTime_WarnsBeforeSaving()
    {
        var email = await Site.Host.AddStaffAsync("Henry Merrivale", "Clinician");
        var booked = await Site.Host.AddClientAsync("Henry Merrivale", "Greta", "Oyelaran", "1975-01-26");
        await Site.Host.AddClientAsync("Henry Merrivale", "Hugo", "Baptiste", "2001-10-05");
        await Site.Host.AddAppointmentAsync("Henry Merrivale", booked, "2026-12-03T11:00");
        await SignInAsync(email);
        var calendar = new PracticeCalendar(Page);
        var window = calendar.Window;
        await Expect(calendar.Event("Greta Oyelaran")).ToBeVisibleAsync();

        await calendar.OpenFromActionsAsync();
        await window.GetByLabel("Client", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Baptiste, Hugo" });
        await window.GetByLabel("Date", new() { Exact = true }).FillAsync("2026-12-03");
        await window.GetByLabel("Time", new() { Exact = true }).FillAsync("11:00");

        var warning = window.GetByTestId("conflicts");
        await Expect(warning).ToContainTextAsync("Check before saving");
        await Expect(warning.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["The clinician already has an appointment at Thu 12/03/2026 11:00 AM."]);
        await Expect(window.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("warned");

        await window.GetByLabel("Time", new() { Exact = true }).FillAsync("13:00");
        await Expect(warning).ToHaveCountAsync(0);
        await Expect(calendar.Event("Hugo Baptiste")).ToHaveCountAsync(0);
        await Page.SaveScreenshotAsync("warning-gone");
    }
}
