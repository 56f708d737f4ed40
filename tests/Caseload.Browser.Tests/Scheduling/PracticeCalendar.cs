using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Scheduling;

/// <summary>
/// The dashboard calendar as a person uses it: slots found by the day column and the time lane that
/// FullCalendar draws, so a click or a drop lands where a person would aim.
/// </summary>
public sealed class PracticeCalendar(IPage page)
{
    /// <summary>Group appointments are light blue (rule 11), #add8e6 as the computed style writes it.</summary>
    public const string LightBlue = "rgb(173, 216, 230)";

    /// <summary>The new-appointment window.</summary>
    public ILocator Window => page.Locator("#appointment-window");

    public ILocator Title => page.Locator(".fc-toolbar-title");

    public ILocator Event(string title) => page.Locator(".fc-event").Filter(new() { HasText = title });

    /// <summary>A day of the week or day view.</summary>
    public ILocator Column(string date) => page.Locator($"td.fc-timegrid-col[data-date='{date}']");

    /// <summary>A half-hour row of the week or day view, such as 14:00.</summary>
    public ILocator Lane(string time) => page.Locator($"td.fc-timegrid-slot-lane[data-time='{time}:00']");

    /// <summary>A day of the month view.</summary>
    public ILocator MonthDay(string date) => page.Locator($"td.fc-daygrid-day[data-date='{date}']");

    public Task ShowAsync(string view) => page.GetByRole(AriaRole.Button, new() { Name = view, Exact = true }).ClickAsync();

    /// <summary>Opens an appointment's page from the calendar, as a person does: its quick view, then Open appointment.</summary>
    public async Task OpenAsync(ILocator appointment)
    {
        await appointment.ClickAsync();
        await page.GetByTestId("quick-view").GetByRole(AriaRole.Link, new() { Name = "Open appointment" }).ClickAsync();
    }

    public Task NextAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Next week" }).ClickAsync();

    /// <summary>Clicks the slot where the day's column crosses the time's lane and waits for the window.</summary>
    public async Task OpenSlotAsync(string date, string time)
    {
        var (x, y) = await SlotAsync(date, time);
        await ReRenderWindowAsync(() => page.Mouse.ClickAsync(x, y));
        await Expect(Window).ToBeVisibleAsync();
    }

    /// <summary>Opens the window from Actions → + Appointment.</summary>
    public async Task OpenFromActionsAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Actions" }).ClickAsync();
        await ReRenderWindowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "+ Appointment" }).ClickAsync());
        await Expect(Window).ToBeVisibleAsync();
    }

    /// <summary>
    /// Makes a choice that re-renders the window (Group Appointment, Clinician, Service code, Group) and waits until htmx
    /// has settled the new content: htmx wires up the new fields 20 ms after the swap, and a choice made before that is not sent.
    /// </summary>
    public async Task ReRenderWindowAsync(Func<Task> choice)
    {
        await page.EvaluateAsync("""
            () => {
              window.appointmentWindowSettled = false;
              if (!window.watchingAppointmentWindow) {
                window.watchingAppointmentWindow = true;
                document.body.addEventListener('htmx:afterSettle', e => {
                  if (e.target.id === 'appointment-window-host') window.appointmentWindowSettled = true;
                });
              }
            }
            """);
        await choice();
        await page.WaitForFunctionAsync("() => window.appointmentWindowSettled");
    }

    /// <summary>Grabs the event by its first half hour and drops it on the slot, as a mouse would, with moves in between.</summary>
    public async Task DragAsync(ILocator appointment, string date, string time)
    {
        var (x, y) = await SlotAsync(date, time);
        var from = await BoxAsync(appointment);
        await page.Mouse.MoveAsync(from.X + (from.Width / 2), from.Y + 4);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x, y, new() { Steps = 15 });
        await page.Mouse.UpAsync();
    }

    /// <summary>Checks that the event sits in the day's column and starts in the time's lane.</summary>
    public async Task ExpectAtAsync(ILocator appointment, string date, string time)
    {
        await Expect(appointment).ToBeVisibleAsync();
        var shown = await BoxAsync(appointment);
        var column = await BoxAsync(Column(date));
        var lane = await BoxAsync(Lane(time));
        Assert.InRange(shown.X + (shown.Width / 2), column.X, column.X + column.Width);
        Assert.InRange(shown.Y, lane.Y - 2, lane.Y + (lane.Height / 2));
    }

    private async Task<(float X, float Y)> SlotAsync(string date, string time)
    {
        await Lane(time).ScrollIntoViewIfNeededAsync();
        var column = await BoxAsync(Column(date));
        var lane = await BoxAsync(Lane(time));
        return (column.X + (column.Width / 2), lane.Y + (lane.Height / 2));
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not on the page.");
}
