using Caseload.Browser.Tests.Infrastructure;
using Caseload.Browser.Tests.Scheduling;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Dashboard;

/// <summary>
/// The working day on the calendar: the week opens at the hours that hold appointments, a click opens the quick view
/// beside the calendar where attendance is marked, side by side keeps one usable toolbar, the month stays legible.
/// </summary>
public sealed class CalendarQuickViewTests(CaseloadSite site) : BrowserTest(site)
{
    private ILocator QuickView => Page.GetByTestId("quick-view");

    private ILocator Invitee(string name) => QuickView.Locator("[data-invitee]").Filter(new() { HasText = name });

    [Fact]
    public async Task WeekView_WithOnlyEveningSessions_OpensScrolledToTheEarliestOfThem()
    {
        var email = await Site.Host.AddStaffAsync("Tommy Hambledon", "Clinician");
        var odette = await Site.Host.AddClientAsync("Tommy Hambledon", "Odette", "Marchetti", "1981-02-14");
        var pavel = await Site.Host.AddClientAsync("Tommy Hambledon", "Pavel", "Lindqvist", "1977-09-03");
        var group = await Site.Host.AddGroupAsync("Tommy Hambledon", "Tuesday evening DBT", odette, pavel);
        await Site.Host.AddGroupAppointmentAsync("Tommy Hambledon", group, "2026-12-01T17:00");
        await SignInAsync(email);
        var calendar = new PracticeCalendar(Page);

        await Expect(calendar.Event("Tuesday evening DBT (2)")).ToBeInViewportAsync();
        await Expect(calendar.Lane("17:00")).ToBeInViewportAsync();
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "calendar-week-scrolled-to-evening.png") });
    }

    [Fact]
    public async Task QuickView_OfTodaysGroup_MarksOneInviteeAttendedAndAnotherMissed_WithoutLeavingTheCalendar()
    {
        var email = await Site.Host.AddStaffAsync("Mary Debenham", "Clinician");
        var olga = await Site.Host.AddClientAsync("Mary Debenham", "Olga", "Brennan-Sato", "1983-07-21");
        var ravi = await Site.Host.AddClientAsync("Mary Debenham", "Ravi", "Okonjo", "1991-01-30");
        var group = await Site.Host.AddGroupAsync("Mary Debenham", "Tuesday skills group", olga, ravi);
        await Site.Host.AddGroupAppointmentAsync("Mary Debenham", group, "2026-12-01T16:30");
        await Site.Host.AddAppointmentAsync("Mary Debenham", olga, "2026-12-03T17:30");
        await SignInAsync(email);
        var calendar = new PracticeCalendar(Page);

        await calendar.Event("Tuesday skills group (2)").ClickAsync();

        await Expect(QuickView).ToBeVisibleAsync();
        await Expect(QuickView.GetByRole(AriaRole.Heading, new() { Name = "Tuesday skills group (2)" })).ToBeVisibleAsync();
        await Expect(Invitee("Olga Brennan-Sato").GetByTestId("attendance")).ToHaveTextAsync("invited");
        await Expect(Invitee("Ravi Okonjo")).ToContainTextAsync("Service invoice: open");
        await Expect(QuickView.GetByTestId("quick-view-note")).ToHaveTextAsync("not started");
        await Expect(QuickView.GetByRole(AriaRole.Link, new() { Name = "Write note" })).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "calendar-quick-view.png") });

        await Invitee("Olga Brennan-Sato").GetByRole(AriaRole.Button, new() { Name = "Attended" }).ClickAsync();
        await Expect(Invitee("Olga Brennan-Sato").GetByTestId("attendance")).ToHaveTextAsync("attended", new() { Timeout = 20_000 });
        await Invitee("Ravi Okonjo").GetByText("Missed…").ClickAsync();
        await Invitee("Ravi Okonjo").GetByLabel("Reason").FillAsync("Unwell, called in");
        await Invitee("Ravi Okonjo").GetByLabel("Charge (blank: the usual missed-session fee)").FillAsync("0");
        await Invitee("Ravi Okonjo").GetByRole(AriaRole.Button, new() { Name = "Mark missed" }).ClickAsync();

        await Expect(Invitee("Ravi Okonjo").GetByTestId("attendance")).ToHaveTextAsync("missed", new() { Timeout = 20_000 });
        await Expect(Invitee("Ravi Okonjo")).ToContainTextAsync("Service invoice: void");
        await Expect(calendar.Event("Tuesday skills group (2)")).ToContainTextAsync("1 missed");
        await Expect(Page).ToHaveURLAsync(new Uri(new Uri(Page.Url), "/").ToString());
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "calendar-quick-view-attendance.png") });

        await calendar.Event("Olga Brennan-Sato").ClickAsync();
        await Expect(QuickView.GetByRole(AriaRole.Heading, new() { Name = "Olga Brennan-Sato" })).ToBeVisibleAsync();
        await Expect(QuickView).ToContainTextAsync("Attendance is marked from the session's day on.");
        await Expect(QuickView.GetByRole(AriaRole.Button, new() { Name = "Attended" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task MonthView_ShowsTheTimeAndTheWholeNameOfEachAppointment()
    {
        var email = await Site.Host.AddStaffAsync("Hercule Flambeau", "Clinician");
        var client = await Site.Host.AddClientAsync("Hercule Flambeau", "Maximiliana", "Featherstonehaugh-Oyelaran", "1988-10-10");
        var other = await Site.Host.AddClientAsync("Hercule Flambeau", "Bo", "Li", "1990-01-01");
        var group = await Site.Host.AddGroupAsync("Hercule Flambeau", "Wednesday evening trauma recovery", client, other);
        await Site.Host.AddGroupAppointmentAsync("Hercule Flambeau", group, "2026-12-09T17:00");
        await Site.Host.AddAppointmentAsync("Hercule Flambeau", client, "2026-12-09T09:30");
        await SignInAsync(email);
        var calendar = new PracticeCalendar(Page);

        await calendar.ShowAsync("Month");

        var day = calendar.MonthDay("2026-12-09");
        var individual = day.Locator(".fc-event").Filter(new() { HasText = "Featherstonehaugh-Oyelaran" }).First;
        await Expect(individual).ToContainTextAsync("9:30am");
        await Expect(day.Locator(".fc-event").Filter(new() { HasText = "5:00pm" })).ToContainTextAsync("Wednesday evening trauma recovery (2)");
        var title = individual.Locator(".fc-event-title");
        Assert.True(await title.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the month event's name is cut off");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "calendar-month.png") });
    }

    [Fact]
    public async Task SideBySide_KeepsOneToolbarThatMovesEveryColumn_AtFullAndNarrowWidths()
    {
        var email = await Site.Host.AddStaffAsync("Felicity Lemon", "Scheduler");
        await Site.Host.AddStaffAsync("Ottoline Quist", "Clinician");
        await Site.Host.AddStaffAsync("Amelia Peabody", "Clinician");
        await Site.Host.AddAppointmentAsync("Ottoline Quist", await Site.Host.AddClientAsync("Ottoline Quist", "Brer", "Fox-Whitcombe", "1970-04-04"), "2026-12-02T11:00");
        await Site.Host.AddAppointmentAsync("Amelia Peabody", await Site.Host.AddClientAsync("Amelia Peabody", "Ramses", "Emerson", "1980-05-05"), "2026-12-02T14:00");
        await SignInAsync(email);
        await Expect(Page.GetByLabel("Ottoline Quist")).ToBeVisibleAsync();
        await Page.EvaluateAsync("() => document.querySelectorAll('[data-clinician]').forEach(p => { p.checked = false; })");
        await Page.GetByLabel("Ottoline Quist").CheckAsync();
        await Page.GetByLabel("Amelia Peabody").CheckAsync();

        await Page.GetByLabel("Side by side").CheckAsync();

        var toolbar = Page.Locator("#shared-toolbar");
        await Expect(toolbar).ToBeVisibleAsync();
        await Expect(Page.Locator(".calendar-column")).ToHaveCountAsync(2);
        await Expect(Page.Locator(".fc-header-toolbar")).ToHaveCountAsync(0);
        await Expect(Page.Locator(".fc-event").Filter(new() { HasText = "Brer Fox-Whitcombe" })).ToBeVisibleAsync();
        await Expect(Page.Locator(".fc-event").Filter(new() { HasText = "Ramses Emerson" })).ToBeVisibleAsync();
        await Expect(toolbar.Locator("[data-calendar-title]")).ToHaveTextAsync("Nov 29 – Dec 5, 2026");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "calendar-side-by-side.png") });

        await Page.SetViewportSizeAsync(640, 900);
        await Expect(toolbar.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true })).ToBeInViewportAsync();
        await Expect(toolbar.GetByRole(AriaRole.Button, new() { Name = "Month", Exact = true })).ToBeInViewportAsync();
        await toolbar.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await Expect(toolbar.Locator("[data-calendar-title]")).ToHaveTextAsync("Dec 6 – 12, 2026");
        await Expect(Page.Locator("td.fc-timegrid-col[data-date='2026-12-07']")).ToHaveCountAsync(2);
        await toolbar.GetByRole(AriaRole.Button, new() { Name = "Day", Exact = true }).ClickAsync();
        await Expect(Page.Locator("td.fc-timegrid-col.fc-day")).ToHaveCountAsync(2);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "calendar-side-by-side-narrow.png") });
    }
}
