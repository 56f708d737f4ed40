using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Scheduling;

/// <summary>
/// What every change of a saved appointment shares: loading it with the checks each change makes, and
/// saving it so that its history and reminders follow. Each change is one transaction.
/// </summary>
public sealed class AppointmentChanges(
    CaseloadDbContext db, Caseloads caseloads, AppointmentFeed feed, ReminderSchedule reminders, CurrentStaff staff, Clock clock)
{
    private static Refusal NoAppointment => Refusal.NotFound("No such appointment.");

    /// <summary>The appointment with its invitees, if the asker may see it and act for its clinician.</summary>
    /// <param name="expectedVersion">The version the person last saw; a stale one is refused so no edit is silently lost.</param>
    public async Task<Outcome<Appointment>> LoadAsync(string id, int? expectedVersion, CancellationToken ct)
    {
        var appointment = await (await caseloads.AppointmentsAsync(ct)).Include(a => a.Invitees).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (appointment is null)
        {
            return NoAppointment;
        }

        if (await caseloads.MayActForAsync(appointment.ClinicianId, ct) is { } notAllowed)
        {
            return notAllowed;
        }

        if (Versions.Check(expectedVersion, appointment.Version, "The appointment was changed since you loaded it. Reload and try again.") is { } stale)
        {
            return stale;
        }

        return appointment;
    }

    public async Task<bool> IsVisibleAsync(string id, CancellationToken ct) =>
        await (await caseloads.AppointmentsAsync(ct)).AnyAsync(a => a.Id == id, ct);

    /// <summary>Saves a move, resize or cancellation, then moves or cancels the reminders of every appointment it touched (rule 10).</summary>
    public async Task<Outcome<AppointmentView>> SaveAsync(string id, List<string> changed, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Refusal(RefusalCodes.ConcurrentChange, "Someone else changed this appointment at the same moment. Reload and try again.");
        }

        db.ChangeTracker.Clear();
        await reminders.SyncAsync(changed, ct);
        return (await feed.FindAsync(id, ct))!;
    }

    /// <summary>Saves a change of invitees or attendance with a line in the appointment's history, then brings its reminders in line.</summary>
    public async Task SaveWithHistoryAsync(Appointment appointment, string what, CancellationToken ct)
    {
        db.AppointmentEvents.Add(new AppointmentEvent(appointment.Id, staff.Author, clock.Now, what));
        await db.SaveChangesAsync(ct);
        await reminders.SyncAsync([appointment.Id], ct);
    }

    /// <summary>Deletes the appointments and their invoices; the caller has judged each by rule 8.</summary>
    public async Task DeleteAsync(List<Appointment> appointments, CancellationToken ct)
    {
        var ids = appointments.Select(a => a.Id).ToList();
        await db.Set<InvoiceLine>().Where(l => db.Invoices.Any(i => i.Id == l.InvoiceId && ids.Contains(i.AppointmentId))).ExecuteDeleteAsync(ct);
        await db.Invoices.Where(i => ids.Contains(i.AppointmentId)).ExecuteDeleteAsync(ct);
        db.Appointments.RemoveRange(appointments);
        await db.SaveChangesAsync(ct);
    }

    public async Task<string> NameAsync(string clientId, CancellationToken ct) =>
        await db.Clients.Where(c => c.Id == clientId).Select(c => c.FirstName + " " + c.LastName).FirstOrDefaultAsync(ct) ?? "a client";
}
