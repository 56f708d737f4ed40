using Caseload.Web.Auth;
using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Caseload.Web.Features.Billing;
using Caseload.Web.Features.Reminders;
using NodaTime;

namespace Caseload.Web.Features.Scheduling;

/// <summary>A new appointment, or series, as the new-appointment window or the API asks for it.</summary>
/// <param name="Start">The wall-clock start in the practice zone.</param>
/// <param name="Invitees">For a group: a subset of its current members, null for all; for an individual session: the client's choice of invoice.</param>
public sealed record BookAppointmentCommand(
    AppointmentKind Kind,
    string? ClinicianId,
    string? ServiceCode,
    string? GroupId,
    string? ClientId,
    LocalDateTime Start,
    int? DurationMinutes,
    string? Location,
    string? Memo,
    IReadOnlyList<InviteeChoice>? Invitees,
    Recurrence? Recurrence)
{
    public BookingNames Names => new(Kind, ClinicianId, ServiceCode, GroupId, ClientId, Invitees, DurationMinutes);
}

/// <summary>What was saved, and what overlaps it: warnings, not refusals.</summary>
public sealed record BookedAppointments(string? SeriesId, IReadOnlyList<AppointmentView> Appointments, IReadOnlyList<Conflict> Warnings);

/// <summary>The new-appointment window and <c>POST /api/v1/appointments</c>: check, warn, save in one transaction.</summary>
public sealed class BookAppointment(
    CaseloadDbContext db, BookingPlanner planner, AppointmentFeed feed, IssueInvoices invoices, ReminderSchedule reminders, Clock clock,
    CurrentStaff staff, AuditTrail audit)
{
    /// <summary>Books the appointment (or series). Conflicts are warnings: they are returned, not refused.</summary>
    public async Task<Outcome<BookedAppointments>> HandleAsync(BookAppointmentCommand command, CancellationToken ct)
    {
        var plan = await planner.PlanAsync(command, ct);
        if (!plan.Succeeded)
        {
            return plan.AsOutcome;
        }

        var (practice, booked, parties) = plan.Value;
        var warnings = await planner.ConflictsAsync(plan.Value, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Several rows to a statement: a group series is thousands of rows (invitees, reminders), one INSERT each through EF Core on SQLite.
        if (booked.Series is not null)
        {
            await db.InsertAsync([booked.Series], ct);
        }

        await db.InsertAsync(booked.Appointments, ct);
        await db.InsertAsync([.. booked.Appointments.SelectMany(a => a.Invitees)], ct);
        await db.InsertAsync([.. booked.Appointments.Select(a => new AppointmentEvent(a.Id, staff.Author, clock.Now, "Booked."))], ct);
        await db.InsertAsync([.. reminders.ForNew(booked.Appointments, parties.Clients, practice)], ct);
        await audit.RecordAsync(Created(booked), ct);

        // Rule 9: sessions dated today or earlier are invoiced at save, in the same transaction, so none is left
        // behind for the worker, which only looks at the days that came since it last ran; later ones it issues on the day.
        var today = practice.Today(clock.Now);
        var due = booked.Appointments.Where(a => a.Date <= today).Select(a => a.Id).ToList();
        if (due.Count > 0)
        {
            await invoices.IssueDueAsync(due, ct);
        }

        await transaction.CommitAsync(ct);
        var views = await feed.ByIdsAsync([.. booked.Appointments.Select(a => a.Id)], ct);
        return new BookedAppointments(booked.Series?.Id, views, warnings);
    }

    /// <summary>
    /// One <c>create</c> per client concerned: for a single appointment, naming it; for a series, naming the series
    /// (each of its appointments carries the series' id) with how many appointments it booked and their first and last day.
    /// </summary>
    private static List<AuditEvent> Created(Booked booked)
    {
        if (booked.Series is not { } series)
        {
            return [.. booked.Appointments.SelectMany(a => AppointmentChanges.ClientsOf(a).Select(c => new AuditEvent(AuditActions.Create, AuditEntities.Appointment, a.Id, c)))];
        }

        var appointments = booked.Appointments;
        var detail = $"series of {appointments.Count} appointments {appointments.Min(a => a.Date):uuuu-MM-dd}..{appointments.Max(a => a.Date):uuuu-MM-dd}";
        return [.. appointments.SelectMany(AppointmentChanges.ClientsOf).Distinct()
            .Select(c => new AuditEvent(AuditActions.Create, AuditEntities.Appointment, "series:" + series.Id, c, detail))];
    }
}
