using System.Text.Json;
using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Scheduling;
using Caseload.Web.Features.Settings.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Dashboard;

/// <summary>An event as FullCalendar reads it. Times are the practice's wall-clock times, shown as they are.</summary>
public sealed record CalendarEvent(
    string Id,
    string Title,
    string Start,
    string End,
    string BackgroundColor,
    string BorderColor,
    string TextColor,
    string[] ClassNames,
    bool Editable,
    object ExtendedProps);

public sealed class IndexModel(
    CaseloadDbContext db, Clock clock, Caseloads caseloads, CurrentStaff staff, AppointmentFeed feed, ChangeAppointment change, Notes.NotesToSign notesToSign)
    : PageModel
{
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss");

    public string PracticeName { get; private set; } = "";

    /// <summary>What a change that ended here said (a deleted appointment): shown once, on the page the person lands on.</summary>
    [TempData]
    public string? Notice { get; set; }

    public string TimeZone { get; private set; } = "";

    public string TodayText { get; private set; } = "";

    public IReadOnlyList<ClinicianDto> Clinicians { get; private set; } = [];

    /// <summary>Sessions already held whose note is not signed yet: the clinician's to-do list.</summary>
    public IReadOnlyList<AppointmentView> NotesToSign { get; private set; } = [];

    public bool MaySchedule => staff.Satisfies(Policies.Schedules);

    /// <summary>What the calendar script needs, as JSON on the page.</summary>
    public string CalendarConfig { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var practice = await db.PracticeAsync(ct);
        var now = clock.Now.InZone(practice.Zone).LocalDateTime;
        PracticeName = practice.Name;
        TimeZone = practice.TimeZoneId;
        TodayText = Domain.Practices.DateStyle.LongDate(now.Date);
        var own = await caseloads.OwnClinicianIdAsync(ct);
        NotesToSign = await notesToSign.ListAsync(ct);
        Clinicians = staff.Satisfies(Policies.SeesWholePractice)
            ? await db.ClinicianListAsync(ct)
            : [.. (await db.ClinicianListAsync(ct)).Where(c => c.Id == own)];
        CalendarConfig = JsonSerializer.Serialize(new
        {
            now = Local.Format(now),
            dayStartsAt = PracticeTime(practice.DayStartsAt),
            dayEndsAt = PracticeTime(practice.DayEndsAt),
            maySchedule = MaySchedule,
            clinicians = Clinicians.Select(c => new { c.Id, name = c.DisplayName, c.Color }),
            selected = own is not null ? [own] : Clinicians.Select(c => c.Id).ToArray(),
        }, JsonSerializerOptions.Web);
    }

    /// <summary>The calendar's event source: FullCalendar asks for the visible range.</summary>
    public async Task<IActionResult> OnGetEventsAsync(string start, string end, string? clinicianIds, CancellationToken ct)
    {
        var from = Day(start);
        var to = Day(end);
        if (from is null || to is null || to < from || Period.Between(from.Value, to.Value, PeriodUnits.Days).Days > AppointmentFeed.MaxDays)
        {
            return BadRequest();
        }

        var zone = await db.ZoneAsync(ct);
        var wanted = (clinicianIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var clinicians = (await db.ClinicianListAsync(ct)).ToDictionary(c => c.Id);
        var views = await feed.BetweenAsync(from.Value, to.Value, zone, wanted.Count == 1 ? wanted.First() : null, ct);
        var maySchedule = MaySchedule;
        var own = await caseloads.OwnClinicianIdAsync(ct);
        return new JsonResult(views
            .Where(v => wanted.Count == 0 || wanted.Contains(v.ClinicianId))
            .Select(v => ToEvent(v, zone, maySchedule && (caseloads.MayScheduleForOthers || v.ClinicianId == own),
                wanted.Count == 1 ? null : clinicians.GetValueOrDefault(v.ClinicianId))));
    }

    /// <summary>The quick view of one appointment, shown beside the calendar; another clinician's appointment is not found.</summary>
    public async Task<IActionResult> OnGetQuickViewAsync(string id, [FromServices] ReadQuickView quickView, CancellationToken ct) =>
        await quickView.ReadAsync(id, ct) is { } view ? Partial("_QuickView", view) : NotFound();

    /// <summary>Drag to reschedule: the new wall-clock start and end in the practice zone.</summary>
    public async Task<IActionResult> OnPostMoveAsync(string id, string start, string end, CancellationToken ct)
    {
        var zone = await db.ZoneAsync(ct);
        var from = Local.Parse(start);
        var to = Local.Parse(end);
        if (!from.Success || !to.Success)
        {
            return BadRequest();
        }

        var minutes = (int)Period.Between(from.Value, to.Value, PeriodUnits.Minutes).Minutes;
        var newStart = Appointment.Resolve(from.Value, zone).LocalDateTime;
        var saved = await change.HandleAsync(new ChangeAppointmentCommand(id, newStart, minutes, null, null, ChangeScope.This, ExpectedVersion: null), ct);
        return saved.Succeeded
            ? new JsonResult(ToEvent(saved.Value, zone, editable: true, clinician: null))
            : new JsonResult(new { message = saved.First?.Message }) { StatusCode = StatusCodes.Status409Conflict };
    }

    /// <param name="clinician">Named on group events when several clinicians share the calendar; their colour edges the event.</param>
    private static CalendarEvent ToEvent(AppointmentView v, DateTimeZone zone, bool editable, ClinicianDto? clinician)
    {
        var missed = v.Invitees.Count(i => i.Status == InviteeStatus.Missed);
        var classes = new List<string> { v.Kind == AppointmentKind.Group ? "appt-group" : "appt-individual" };
        if (v.Status == AppointmentStatus.Cancelled)
        {
            classes.Add("appt-cancelled");
        }

        if (missed > 0)
        {
            classes.Add("appt-missed");
        }

        var end = v.EndsAt.InZone(zone).LocalDateTime;
        var title = clinician is not null && v.Kind == AppointmentKind.Group ? $"{v.Title} · {clinician.DisplayName.Split(' ')[0]}" : v.Title;
        return new CalendarEvent(v.Id, v.Status == AppointmentStatus.Cancelled ? $"Cancelled: {title}" : title,
            Local.Format(v.Start), Local.Format(end), v.Color, v.Kind == AppointmentKind.Group ? v.ClinicianColor ?? v.Color : v.Color,
            v.Kind == AppointmentKind.Group ? "#0b2e4a" : "#ffffff", [.. classes],
            editable && v.Status == AppointmentStatus.Scheduled,
            new
            {
                kind = v.Kind == AppointmentKind.Group ? "group" : "individual",
                v.Location,
                invitees = v.Invitees.Count,
                missed,
                v.ClinicianId,
                status = v.Status == AppointmentStatus.Cancelled ? "cancelled" : "scheduled",
            });
    }

    private static LocalDate? Day(string? text) =>
        text is { Length: >= 10 } && SupportedDates.Parse(text[..10], "start") is ({ } d, null) ? d : null;

    private static string PracticeTime(LocalTime time) => LocalTimePattern.CreateWithInvariantCulture("HH:mm").Format(time);
}
