using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Scheduling;

/// <summary>The dashboard calendar: colours, views, the practice's time zone and drag to reschedule (rule 11).</summary>
public sealed class CalendarTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task GroupAppointment_IsLightBlue_AndAnIndividualOneHasTheClinicianColour()
    {
        var email = await Site.Host.AddStaffAsync("Jane Marple", "Clinician");
        var ivy = await Site.Host.AddClientAsync("Jane Marple", "Ivy", "Castellano", "1968-03-02");
        var jonas = await Site.Host.AddClientAsync("Jane Marple", "Jonas", "Eriksen", "1999-06-15");
        var group = await Site.Host.AddGroupAsync("Jane Marple", "Wednesday mindfulness", ivy, jonas);
        await Site.Host.AddGroupAppointmentAsync("Jane Marple", group, "2026-12-02T09:00");
        await Site.Host.AddAppointmentAsync("Jane Marple", ivy, "2026-12-02T13:00");
        var colour = await Site.Host.ClinicianColorAsync("Jane Marple");
        await SignInAsync(email);
        var calendar = new PracticeCalendar(Page);

        var groupSession = calendar.Event("Wednesday mindfulness (2)");
        var individual = calendar.Event("Ivy Castellano");
        await calendar.ExpectAtAsync(groupSession, "2026-12-02", "09:00");
        await calendar.ExpectAtAsync(individual, "2026-12-02", "13:00");
        await Expect(groupSession).ToHaveCSSAsync("background-color", PracticeCalendar.LightBlue);
        await Expect(individual).ToHaveCSSAsync("background-color", colour);
        Assert.NotEqual(PracticeCalendar.LightBlue, colour);
        var legend = Page.GetByLabel("Legend");
        await Expect(legend.Locator(".legend-dot").First).ToHaveCSSAsync("background-color", PracticeCalendar.LightBlue);
        await Expect(legend).ToContainTextAsync("Group");
        await Page.SaveScreenshotAsync("group-and-individual");

        await calendar.ShowAsync("Month");
        var wednesday = calendar.MonthDay("2026-12-02");
        await Expect(wednesday.Locator(".fc-event", new() { HasText = "Wednesday mindfulness (2)" }))
            .ToHaveCSSAsync("background-color", PracticeCalendar.LightBlue);
        await Expect(wednesday.Locator(".fc-event", new() { HasText = "Ivy Castellano" }))
            .ToHaveCSSAsync("background-color", colour);
        await Page.SaveScreenshotAsync("month");
    }

    [Fact]
    public async Task CancelledAppointment_StaysOnTheCalendarStruckThrough()
    {
        var email = await Site.Host.AddStaffAsync("Ariadne Oliver", "Clinician");
        var client = await Site.Host.AddClientAsync("Ariadne Oliver", "Kofi", "Mensah-Hart", "1984-08-08");
        await Site.Host.AddAppointmentAsync("Ariadne Oliver", client, "2026-12-04T13:00");
        await SignInAsync(email);
        var calendar = new PracticeCalendar(Page);
        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await calendar.OpenAsync(calendar.Event("Kofi Mensah-Hart"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel appointment" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The appointment is cancelled. It stays on the calendar, marked.");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Cancelled");
        await Page.SaveScreenshotAsync("appointment-cancelled");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Back to calendar" }).ClickAsync();

        var cancelled = calendar.Event("Cancelled: Kofi Mensah-Hart");
        await calendar.ExpectAtAsync(cancelled, "2026-12-04", "13:00");
        await Expect(cancelled).ToHaveCSSAsync("text-decoration-line", "line-through");
        await Page.SaveScreenshotAsync("struck-through");
    }

    [Fact]
    public async Task DragToAnotherSlot_ReschedulesTheAppointmentToThatDayAndTime()
    {
        var email = await Site.Host.AddStaffAsync("Nigel Strangeways", "Clinician");
        var client = await Site.Host.AddClientAsync("Nigel Strangeways", "Lena", "Vasquez-Moore", "1990-11-30");
        var id = await Site.Host.AddAppointmentAsync("Nigel Strangeways", client, "2026-12-03T10:00");
        await SignInAsync(email);
        var calendar = new PracticeCalendar(Page);
        var session = calendar.Event("Lena Vasquez-Moore");
        await calendar.ExpectAtAsync(session, "2026-12-03", "10:00");
        await Page.SaveScreenshotAsync("before-drag");

        var moved = await Page.RunAndWaitForResponseAsync(
            () => calendar.DragAsync(session, "2026-12-04", "11:00"),
            response => response.Url.Contains("handler=Move", StringComparison.Ordinal));

        Assert.Equal(200, moved.Status);
        await Expect(session.Locator(".fc-event-time")).ToHaveTextAsync("11:00am - 11:45am");
        await calendar.ExpectAtAsync(session, "2026-12-04", "11:00");
        await Page.SaveScreenshotAsync("after-drag");
        await calendar.OpenAsync(session);

        await Expect(Page.GetByTestId("when")).ToHaveTextAsync("Friday 4 December 2026, 11:00 AM · 45 minutes · Nigel Strangeways · 90834");
        await Expect(Page.GetByLabel("Date", new() { Exact = true })).ToHaveValueAsync("2026-12-04");
        await Expect(Page.GetByLabel("Time", new() { Exact = true })).ToHaveValueAsync("11:00");
        await Page.SaveScreenshotAsync("appointment-page");
        var stored = await Site.Host.AppointmentAsync(id);
        Assert.Equal(new DateTime(2026, 12, 4, 11, 0, 0), stored.GetProperty("start").GetDateTimeOffset().DateTime);
        Assert.Equal(new DateTime(2026, 12, 4, 11, 45, 0), stored.GetProperty("end").GetDateTimeOffset().DateTime);
    }

    [Fact]
    public async Task WeekMonthAndDayViews_InABrowserSetToTokyo_ShowTheAppointmentAtThePracticeTime()
    {
        var email = await Site.Host.AddStaffAsync("Maud Silver", "Clinician");
        var client = await Site.Host.AddClientAsync("Maud Silver", "Mireille", "Dubois", "1972-05-21");
        // 16:00 in the practice's American zone is the next morning in Tokyo: a calendar that converted would move it to Wednesday.
        await Site.Host.AddAppointmentAsync("Maud Silver", client, "2026-12-01T16:00");
        var practiceZone = await Site.Host.PracticeTimeZoneAsync();
        await using var tokyo = await Page.Context.Browser!.NewContextAsync(new()
        {
            BaseURL = Site.Host.Address.ToString(),
            ViewportSize = new() { Width = 1280, Height = 800 },
            Locale = "en-US",
            TimezoneId = "Asia/Tokyo",
        });
        var page = await tokyo.NewPageAsync();
        await SignInAsync(page, email);
        Assert.Equal("Asia/Tokyo", await page.EvaluateAsync<string>("Intl.DateTimeFormat().resolvedOptions().timeZone"));
        var calendar = new PracticeCalendar(page);
        var session = calendar.Event("Mireille Dubois");

        await Expect(page.GetByTestId("practice-today")).ToHaveTextAsync($"Tuesday 1 December 2026 · {practiceZone}");
        await Expect(page.Locator("td.fc-timegrid-col.fc-day-today")).ToHaveAttributeAsync("data-date", "2026-12-01");
        await Expect(session.Locator(".fc-event-time")).ToHaveTextAsync("4:00pm - 4:45pm");
        await calendar.ExpectAtAsync(session, "2026-12-01", "16:00");
        await page.SaveScreenshotAsync("week-in-tokyo");

        await calendar.ShowAsync("Month");
        await Expect(calendar.Title).ToHaveTextAsync("December 2026");
        await Expect(calendar.MonthDay("2026-12-01").Locator(".fc-event")).ToContainTextAsync("4:00pm");
        await Expect(calendar.MonthDay("2026-12-01")).ToContainTextAsync("Mireille Dubois");
        await Expect(calendar.MonthDay("2026-12-02").Locator(".fc-event")).ToHaveCountAsync(0);
        await page.SaveScreenshotAsync("month-in-tokyo");

        await calendar.ShowAsync("Day");
        await Expect(calendar.Title).ToHaveTextAsync("December 1, 2026");
        await Expect(session.Locator(".fc-event-time")).ToHaveTextAsync("4:00pm - 4:45pm");
        await calendar.ExpectAtAsync(session, "2026-12-01", "16:00");
        await page.SaveScreenshotAsync("day-in-tokyo");

        await calendar.OpenAsync(session);
        await Expect(page.GetByTestId("when")).ToHaveTextAsync("Tuesday 1 December 2026, 4:00 PM · 45 minutes · Maud Silver · 90834");
        await page.SaveScreenshotAsync("appointment-page-in-tokyo");
    }
}
