using Caseload.Web.Api;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Reminders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace Caseload.Web.Features.Scheduling;

public sealed class ChangeForm
{
    public string? Date { get; set; }

    public string? Time { get; set; }

    public int? DurationMinutes { get; set; }

    public string? Location { get; set; }

    public string? Memo { get; set; }

    public string Scope { get; set; } = "this";
}

/// <summary>One appointment: who is invited, and the edits of time, room, memo and cancellation.</summary>
public sealed class DetailsModel(AppointmentFeed feed, ChangeAppointment change, Caseloads caseloads, CaseloadDbContext db, ReminderLog reminders)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public ChangeForm Input { get; set; } = new();

    /// <summary>The version the form was loaded at: a change made meanwhile by someone else is not overwritten.</summary>
    [BindProperty]
    public int Version { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public AppointmentView? Appointment { get; private set; }

    public string When { get; private set; } = "";

    public string ClinicianName { get; private set; } = "";

    public bool MayEdit { get; private set; }

    public IReadOnlyList<ReminderDto> Reminders { get; private set; } = [];

    public string NameOf(string clientId) => Appointment?.Invitees.FirstOrDefault(i => i.ClientId == clientId)?.Name ?? "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(fillForm: true, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostChangeAsync(CancellationToken ct)
    {
        var zone = (await db.Practices.AsNoTracking().SingleAsync(ct)).Zone;
        var local = AppointmentForm.ParseLocal(Input.Date, Input.Time);
        if (local is null)
        {
            ModelState.AddModelError("Input.Date", "Give the date and the time.");
            return await LoadAsync(fillForm: false, ct) ? Page() : NotFound();
        }

        var start = OffsetDateTimePattern.Rfc3339.Format(Domain.Scheduling.Appointment.Resolve(local.Value, zone).ToOffsetDateTime());
        var patch = new AppointmentPatch(start, Input.DurationMinutes, Input.Location ?? "", Input.Memo ?? "", Input.Scope);
        var (saved, outcome) = await change.PatchAsync(Id, patch, Wire.ETag(Version), ct);
        if (saved is not null)
        {
            Notice = Input.Scope == ChangeAppointment.Following ? "Saved for this and the following appointments." : "Saved.";
            return Redirect($"/Appointments/{Id}");
        }

        ModelState.AddTo(outcome, rename: f => f == "start" ? "Date" : char.ToUpperInvariant(f[0]) + f[1..]);
        return await LoadAsync(fillForm: false, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        var (saved, outcome) = await change.CancelAsync(Id, null, ct);
        if (saved is null && outcome.First?.Code == "not-found")
        {
            return NotFound();
        }

        Notice = saved is not null ? "The appointment is cancelled. It stays on the calendar, marked." : outcome.First?.Message;
        return Redirect($"/Appointments/{Id}");
    }

    private async Task<bool> LoadAsync(bool fillForm, CancellationToken ct)
    {
        Appointment = await feed.FindAsync(Id, ct);
        if (Appointment is null)
        {
            return false;
        }

        var a = Appointment;
        When = LocalDateTimePattern.CreateWithInvariantCulture("dddd d MMMM uuuu, HH:mm").Format(a.Start);
        ClinicianName = await db.Clinicians.Where(c => c.Id == a.ClinicianId).Select(c => c.DisplayName).FirstAsync(ct);
        MayEdit = await caseloads.MayActForAsync(a.ClinicianId, ct) is null;
        Reminders = await reminders.ForAppointmentAsync(a.Id, ct);
        Version = a.Version;
        if (fillForm)
        {
            Input = new ChangeForm
            {
                Date = LocalDatePattern.Iso.Format(a.Start.Date),
                Time = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Format(a.Start.TimeOfDay),
                DurationMinutes = a.DurationMinutes,
                Location = a.Location,
                Memo = a.Memo,
            };
        }

        return true;
    }
}
