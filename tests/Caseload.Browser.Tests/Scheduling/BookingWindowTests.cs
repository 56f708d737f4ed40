using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Scheduling;

/// <summary>
/// The booking window as a group clinician uses it all day: a service code read in full, a repeat that reads
/// as a sentence, warnings beside Save, and a note of what was booked once it is saved.
/// </summary>
public sealed class BookingWindowTests(CaseloadSite site) : BrowserTest(site)
{
    /// <summary>Whether every option of the select fits in it, measured with the select's own font.</summary>
    private const string EveryOptionFits = """
        select => {
          const style = getComputedStyle(select);
          const context = document.createElement('canvas').getContext('2d');
          context.font = style.font;
          const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return Array.from(select.options).every(o => context.measureText(o.text).width <= room);
        }
        """;

    [Fact]
    public async Task ServiceCode_EveryCodeAndDescriptionIsReadableInFull()
    {
        await SignInAsync(await Site.Host.AddStaffAsync("Adela Bradley", "Clinician"));
        var calendar = new PracticeCalendar(Page);

        await calendar.OpenFromActionsAsync();
        await calendar.ReRenderWindowAsync(() => calendar.Window.GetByLabel("Group Appointment").CheckAsync());

        var codes = calendar.Window.GetByLabel("Service code");
        await Expect(codes).ToHaveValueAsync("90853");
        await Expect(codes.Locator("option:checked")).ToContainTextAsync("90853 · Group psychotherapy");
        Assert.True(await codes.EvaluateAsync<bool>(EveryOptionFits), "a service code's description is cut off");
        await Page.SaveScreenshotAsync("service-code");
    }

    [Fact]
    public async Task Repeat_ReadsEveryWeekOrEvery2Weeks_AndTheEndAppearsOnlyWhenRepeating_Rule4()
    {
        await SignInAsync(await Site.Host.AddStaffAsync("Winifred Crane", "Clinician"));
        var calendar = new PracticeCalendar(Page);
        var window = calendar.Window;
        await calendar.OpenFromActionsAsync();

        await Expect(window.GetByLabel("How often")).ToHaveCountAsync(0);
        await Expect(window.GetByLabel("Sessions", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(window.GetByLabel("Until", new() { Exact = true })).ToHaveCountAsync(0);

        await calendar.ReRenderWindowAsync(() => window.GetByLabel("Repeats").SelectOptionAsync(new SelectOptionValue { Label = "Weekly" }));
        var often = window.GetByLabel("How often");
        await Expect(often.Locator("option:checked")).ToHaveTextAsync("Every week");
        await Expect(often.Locator("option").Nth(1)).ToHaveTextAsync("Every 2 weeks");
        await Expect(window.GetByLabel("Sessions", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(window.GetByTestId("repeat-ends")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"Ends\s*after\s*sessions\s*on"));
        await often.SelectOptionAsync(new SelectOptionValue { Label = "Every 2 weeks" });
        await Page.SaveScreenshotAsync("every-2-weeks");

        await calendar.ReRenderWindowAsync(() => window.GetByLabel("Repeats").SelectOptionAsync(new SelectOptionValue { Label = "Monthly, same weekday" }));
        await Expect(often.Locator("option:checked")).ToHaveTextAsync("Every 2 months");
        await Expect(often.Locator("option").First).ToHaveTextAsync("Every month");
        await Page.SaveScreenshotAsync("every-2-months");

        await calendar.ReRenderWindowAsync(() => window.GetByLabel("Repeats").SelectOptionAsync(new SelectOptionValue { Label = "Does not repeat" }));
        await Expect(window.GetByLabel("How often")).ToHaveCountAsync(0);
        await Expect(window.GetByLabel("Sessions", new() { Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task GroupBookedWeekly_ConflictShowsBesideSaveWithoutScrolling_AndTheSavedNoteSaysWhenHowManyAndWho()
    {
        var email = await Site.Host.AddStaffAsync("Tobias Marsh", "Clinician");
        var maud = await Site.Host.AddClientAsync("Tobias Marsh", "Maud", "Ellery", "1984-04-14");
        var rafe = await Site.Host.AddClientAsync("Tobias Marsh", "Rafe", "Dunmore", "1991-09-09");
        await Site.Host.AddGroupAsync("Tobias Marsh", "Tuesday mood group", maud, rafe);
        await Site.Host.AddAppointmentAsync("Tobias Marsh", maud, "2026-12-08T15:00");
        await SignInAsync(email);
        var calendar = new PracticeCalendar(Page);
        var window = calendar.Window;

        await calendar.OpenFromActionsAsync();
        await calendar.ReRenderWindowAsync(() => window.GetByLabel("Group Appointment").CheckAsync());
        await calendar.ReRenderWindowAsync(() => window.GetByLabel("Group", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Tuesday mood group" }));
        await window.GetByLabel("Date", new() { Exact = true }).FillAsync("2026-12-08");
        await window.GetByLabel("Time", new() { Exact = true }).FillAsync("15:00");
        await window.GetByLabel("Location (room or telehealth link)").FillAsync("Room 3");
        await calendar.ReRenderWindowAsync(() => window.GetByLabel("Repeats").SelectOptionAsync(new SelectOptionValue { Label = "Weekly" }));
        await window.GetByLabel("Sessions", new() { Exact = true }).FillAsync("3");

        var warning = window.GetByTestId("conflicts");
        await Expect(warning).ToContainTextAsync("Check before saving");
        await Expect(window.Locator(".modal-footer").GetByTestId("conflicts")).ToHaveCountAsync(1);
        await Expect(warning).ToBeInViewportAsync();
        await Expect(window.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeInViewportAsync();
        await Page.SaveScreenshotAsync("conflict-beside-save");
        await window.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var note = Page.GetByTestId("booking-toast");
        await Expect(note).ToBeVisibleAsync();
        await Expect(window).ToBeHiddenAsync();
        await Expect(note).ToContainTextAsync("Saved 3 appointments.");
        await Expect(note.GetByTestId("booked-when")).ToHaveTextAsync("Tuesday 8 December 2026, 3:00 PM–4:30 PM · Room 3");
        await Expect(note.GetByTestId("booked-sessions")).ToHaveTextAsync("Every week, 3 sessions: the last on Tuesday 22 December 2026");
        await Expect(note.GetByTestId("booked-invitees")).ToHaveTextAsync("Invitees: Maud Ellery, Rafe Dunmore");
        await Page.SaveScreenshotAsync("booked-note");

        await note.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(note).ToHaveCountAsync(0);
    }
}
