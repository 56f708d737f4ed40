using Caseload.Domain.Practices;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc.Filters;
using NodaTime;

namespace Caseload.Web.Features;

/// <summary>
/// Dates and times as this request's pages write them, in the practice's format: every view has it as <c>Dates</c>
/// (<c>@Dates.DateTime(at)</c>), page models take it in their constructor. Loaded before each page handler runs.
/// </summary>
public sealed class PageDates
{
    public DateStyle Style { get; private set; } = DateStyle.Us;

    public string Date(LocalDate date) => Style.Date(date);

    public string Time(LocalTime time) => Style.Time(time);

    public string DateTime(LocalDateTime at) => Style.DateTime(at);

    public string Day(LocalDate date) => Style.Day(date);

    public string DayTime(LocalDateTime at) => Style.DayTime(at);

    public string LongDate(LocalDate date) => DateStyle.LongDate(date);

    public string LongDateTime(LocalDateTime at) => Style.LongDateTime(at);

    /// <summary>"Monday 12/07/2026 at 2:00 PM": an instant in the practice's zone, the weekday in full, as the portal tells a client.</summary>
    public string WeekdayDateTime(Instant at, DateTimeZone zone)
    {
        var local = at.InZone(zone).LocalDateTime;
        return $"{Style.WeekdayDate(local.Date)} at {Style.Time(local.TimeOfDay)}";
    }

    /// <summary>Reads the practice's format (kept a few seconds by <see cref="KeptPractice"/>) before the page handler runs.</summary>
    public sealed class Loader(KeptPractice practice) : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            context.HttpContext.RequestServices.GetRequiredService<PageDates>().Style = await practice.DateStyleAsync(context.HttpContext.RequestAborted);
            await next();
        }
    }
}
