using Caseload.Domain.Clients;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Clients;
using Caseload.Web.Features.Settings.ServiceCodes;
using Caseload.Web.Features.Settings.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Scheduling;

public sealed record Choice(string Id, string Name);

/// <summary>What was just booked, said back once: when, how many sessions, who is invited.</summary>
public sealed record BookingConfirmation(IReadOnlyList<AppointmentView> Appointments, string? Repeats, bool InWindow)
{
    public AppointmentView First => Appointments[0];

    public AppointmentView Last => Appointments[^1];

    public int Count => Appointments.Count;
}

/// <summary>
/// The new-appointment window (rule 2). It re-renders on the server as choices are made —
/// clinician, kind, service code, group — so the invitee list always comes from the database.
/// </summary>
[Authorize(Policy = Policies.Schedules)]
[Idempotent]
public sealed class NewModel(BookAppointment book, CheckBooking check, Caseloads caseloads, CaseloadDbContext db, Clock clock) : PageModel
{
    public const string SavedEvent = "appointment-saved";

    /// <summary>The usual individual session: psychotherapy of about 45 minutes.</summary>
    private const string IndividualDefault = "90834";

    [BindProperty]
    public AppointmentForm Input { get; set; } = new();

    /// <summary>Null when the user schedules only for themself.</summary>
    public IReadOnlyList<ClinicianDto>? Clinicians { get; private set; }

    public IReadOnlyList<ServiceCodeDto> ServiceCodes { get; private set; } = [];

    public IReadOnlyList<Choice> Groups { get; private set; } = [];

    public IReadOnlyList<Choice> Clients { get; private set; } = [];

    public IReadOnlyList<string> KnownLocations { get; private set; } = [];

    /// <summary>Set once the booking is saved: the page then says what was booked.</summary>
    public BookingConfirmation? Booked { get; private set; }

    /// <summary>Rendered inside the dashboard's dialog (an htmx request) rather than as a page of its own.</summary>
    public bool InWindow => Request.Headers.ContainsKey("HX-Request");

    /// <param name="start">The clicked slot in the practice's wall-clock time, e.g. 2026-12-01T10:00, or a date.</param>
    public async Task OnGetAsync(string? start, string? clinicianId, bool group, CancellationToken ct)
    {
        var practice = await db.PracticeAsync(ct);
        var now = clock.Now.InZone(practice.Zone).LocalDateTime;
        var slot = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm").Parse(start ?? "") is { Success: true } s
            ? s.Value
            : LocalDatePattern.Iso.Parse(start ?? "") is { Success: true } d
                ? d.Value + practice.DayStartsAt
                : now.Date + new LocalTime(now.Hour, 0).PlusHours(1);
        Input = new AppointmentForm
        {
            IsGroup = group,
            ClinicianId = caseloads.MayScheduleForOthers ? clinicianId : await caseloads.OwnClinicianIdAsync(ct),
            Date = LocalDatePattern.Iso.Format(slot.Date),
            Time = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Format(slot.TimeOfDay),
        };
        await PrepareAsync(ct);
    }

    /// <summary>A choice changed: re-render with defaults that follow from it, without judging the half-filled form.</summary>
    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken ct)
    {
        ModelState.Clear();
        await PrepareAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        await FixClinicianAsync(ct);
        var command = Input.ToCommand(await db.ZoneAsync(ct));
        if (!command.Succeeded)
        {
            return Partial("_Conflicts", new List<Conflict>());
        }

        var warnings = await check.HandleAsync(command.Value, ct);
        return Partial("_Conflicts", warnings.Succeeded ? warnings.Value : []);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await FixClinicianAsync(ct);
        var command = Input.ToCommand(await db.ZoneAsync(ct));
        if (command.Succeeded && ModelState.IsValid)
        {
            var booked = await book.HandleAsync(command.Value, ct);
            if (booked.Succeeded)
            {
                var repeats = command.Value.Recurrence is null ? null : AppointmentForm.EveryText(Input.Repeat, Input.Interval);
                var confirmation = new BookingConfirmation(booked.Value.Appointments, repeats, InWindow);
                if (!InWindow)
                {
                    Booked = confirmation;
                    return Page();
                }

                Response.Headers["HX-Trigger"] = SavedEvent;
                return Partial("_Booked", confirmation);
            }

            ModelState.AddTo(booked, rename: AppointmentForm.FieldFor);
        }
        else
        {
            ModelState.AddTo(command, rename: AppointmentForm.FieldFor);
        }

        await PrepareAsync(ct);
        return Page();
    }

    private async Task FixClinicianAsync(CancellationToken ct)
    {
        if (!caseloads.MayScheduleForOthers)
        {
            Input.ClinicianId = await caseloads.OwnClinicianIdAsync(ct);
        }
    }

    /// <summary>Loads the choices for the current clinician and kind, and fills the defaults that follow from them.</summary>
    private async Task PrepareAsync(CancellationToken ct)
    {
        await FixClinicianAsync(ct);
        if (caseloads.MayScheduleForOthers)
        {
            Clinicians = await db.ClinicianListAsync(ct);
        }

        var codes = await db.ServiceCodes.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct);
        ServiceCodes = [.. codes.OrderByDescending(s => s.SuitsGroups == Input.IsGroup).ThenBy(s => s.Code).Select(ServiceCodeDto.From)];
        if (Input.ServiceCode is null || !codes.Any(c => c.Code == Input.ServiceCode) || Input.CodeForGroup != Input.IsGroup)
        {
            Input.ServiceCode = Input.IsGroup ? Domain.Billing.ServiceCode.GroupPsychotherapy : IndividualDefault;
            Input.CodeForGroup = Input.IsGroup;
        }

        if (Input.DurationFrom != Input.ServiceCode)
        {
            Input.DurationMinutes = codes.First(c => c.Code == Input.ServiceCode).DefaultMinutes;
            Input.DurationFrom = Input.ServiceCode;
        }

        var clinicianId = Input.ClinicianId;
        var groups = await (await caseloads.GroupsAsync(ct)).AsNoTracking().Include(g => g.Memberships)
            .Where(g => g.ClinicianId == clinicianId && !g.IsArchived).OrderBy(g => g.Name).ToListAsync(ct);
        Groups = [.. groups.Select(g => new Choice(g.Id, g.Name))];
        var group = groups.FirstOrDefault(g => g.Id == Input.GroupId);
        Input.GroupId = group?.Id;
        if (group is not null && Input.InviteesFrom != group.Id)
        {
            Input.Invitees = [.. group.CurrentMembers.Select(m => new InviteeRow { ClientId = m.ClientId, CreateInvoice = true })];
            Input.InviteesFrom = group.Id;
            if (group.ServiceCode != Input.ServiceCode && codes.FirstOrDefault(c => c.Code == group.ServiceCode) is { } groupCode)
            {
                Input.ServiceCode = groupCode.Code;
                Input.DurationMinutes = groupCode.DefaultMinutes;
                Input.DurationFrom = groupCode.Code;
            }
        }

        var clients = await (await caseloads.ClientsAsync(ct)).AsNoTracking()
            .Where(c => c.ClinicianId == clinicianId && c.DischargedOn == null)
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ToListAsync(ct);
        Clients = [.. clients.Select(c => new Choice(c.Id, $"{c.LastName}, {c.FirstName}"))];
        var byId = clients.ToDictionary(c => c.Id);
        foreach (var row in Input.Invitees)
        {
            if (byId.TryGetValue(row.ClientId, out var client))
            {
                row.Name = client.FullName;
                row.Billing = ClientForm.Describe(client.Billing);
            }
        }

        // Issue 12: a location is free text ("Home visit - <client>, <street>"), so only the practice's rooms and the
        // clinician's own past locations are suggested, never another clinician's.
        var practice = await db.PracticeAsync(ct);
        var own = clinicianId is null ? [] : await db.Appointments.AsNoTracking()
            .Where(a => a.ClinicianId == clinicianId && a.Location != null && !a.Location.StartsWith("http"))
            .Select(a => a.Location!).Distinct().OrderBy(l => l).Take(30).ToListAsync(ct);
        KnownLocations = [.. practice.Rooms.Concat(own).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
