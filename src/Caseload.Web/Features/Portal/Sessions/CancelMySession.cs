using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Portal.Booking;
using Caseload.Web.Features.Reminders;
using Caseload.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Portal.Sessions;

/// <param name="ConfirmLateFee">The client saw the late-cancellation fee and accepts it; without it a late cancellation is only priced.</param>
public sealed record CancelMySessionCommand(string AppointmentId, string ClientId, bool ConfirmLateFee);

/// <summary>What a client's cancellation did.</summary>
public enum MyCancellation
{
    /// <summary>In time, from a group session: the client left that one appointment.</summary>
    SeatGivenUp,

    /// <summary>In time, an individual session: the appointment is cancelled.</summary>
    SessionCancelled,

    /// <summary>Inside the late-cancel window, fee confirmed: the client is marked missed with the fee.</summary>
    CancelledLate,
}

/// <param name="Fee">The late-cancellation fee charged; null for a cancellation in time.</param>
public sealed record MySessionCancelled(string AppointmentId, MyCancellation What, decimal? Fee);

/// <summary>
/// The client cancels one of their own sessions under the practice's policy (<see cref="ClientCancellation"/>). In time,
/// a group seat is given up as with rule 6 (reminders cancelled, no invoice) and an individual session is cancelled.
/// Inside the late-cancel window the fee is named first; confirmed, the client is marked missed with it and billed alone,
/// never an insurer (rule 7). The appointment's history and the audit trail name the client as the one who did it.
/// </summary>
public sealed class CancelMySession(
    CaseloadDbContext db, PortalClients clients, AttendanceChanges attendance, ReminderSchedule reminders, Waitlists waitlists, AuditTrail audit,
    Clock clock)
{
    public async Task<Outcome<MySessionCancelled>> HandleAsync(CancelMySessionCommand command, CancellationToken ct)
    {
        var (id, clientId) = (command.AppointmentId, command.ClientId);
        var client = await clients.FindAsync(clientId, ct);
        var appointment = client is null ? null : await db.Appointments.Include(a => a.Invitees).Include(a => a.Uninvited)
            .FirstOrDefaultAsync(a => a.Id == id && (a.Invitees.Any(i => i.ClientId == clientId) || a.Uninvited.Any(u => u.ClientId == clientId)), ct);
        if (client is null || appointment is null)
        {
            return Refusal.NotFound("No such appointment.");
        }

        if (appointment.Invitees.All(i => i.ClientId != clientId))
        {
            return new Refusal(RefusalCodes.AppointmentCancelled, "You already cancelled this session.");
        }

        var practice = await db.PracticeAsync(ct);
        var (now, today) = (clock.Now, practice.Today(clock.Now));
        if (ClientCancellation.Refuses(appointment, clientId, now) is { } refused)
        {
            return refused;
        }

        if (!practice.Portal.IsLateCancel(appointment.StartsAt, now))
        {
            return await CancelInTimeAsync(appointment, client, today, now, ct);
        }

        var fee = await attendance.DefaultChargeAsync(clientId, practice, ct);
        if (!command.ConfirmLateFee)
        {
            return ClientCancellation.FeeToConfirm(fee, practice.Currency, practice.Portal);
        }

        return await CancelLateAsync(appointment, client, fee, today, now, ct);
    }

    private async Task<Outcome<MySessionCancelled>> CancelInTimeAsync(
        Appointment appointment, PortalClient client, LocalDate today, Instant now, CancellationToken ct)
    {
        var group = appointment.Kind == AppointmentKind.Group;
        var outcome = group ? appointment.CancelSeat(client.Id, today, now) : appointment.Cancel();
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        // Invoices are issued on the session's day (rule 9): one cancelled in time on the day itself takes its invoice back.
        var issued = await db.Invoices.FirstOrDefaultAsync(i => i.AppointmentId == appointment.Id && i.ClientId == client.Id
            && i.Kind == InvoiceKind.Service && i.Status != InvoiceStatus.Void, ct);
        if (issued?.Void("The client cancelled in time.") is { Succeeded: false })
        {
            return new Refusal(RefusalCodes.PaymentTaken, "A payment was taken for this session: please call the practice to cancel it.");
        }

        var what = group ? MyCancellation.SeatGivenUp : MyCancellation.SessionCancelled;
        var said = group
            ? $"{client.FullName} cancelled their place in the client portal: removed from this appointment."
            : $"{client.FullName} cancelled the appointment in the client portal.";
        return await SaveAsync(appointment, client, said, new MySessionCancelled(appointment.Id, what, null), ct);
    }

    private async Task<Outcome<MySessionCancelled>> CancelLateAsync(
        Appointment appointment, PortalClient client, decimal fee, LocalDate today, Instant now, CancellationToken ct)
    {
        var stopped = await attendance.SignedNoteRefusalAsync(appointment.Id, ct) ?? await attendance.MayMarkMissedAsync(appointment.Id, client.Id, ct);
        if (stopped is not null)
        {
            return stopped;
        }

        var outcome = appointment.CancelLate(client.Id, fee, client.Author, now);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await attendance.BillMissedAsync(appointment, client.Id, fee, today, ct);
        return await SaveAsync(appointment, client, $"Marked {client.FullName} missed: {ClientCancellation.LateReason} (charge {fee:0.00}).",
            new MySessionCancelled(appointment.Id, MyCancellation.CancelledLate, fee), ct);
    }

    /// <summary>
    /// Saves the change, its line in the appointment's history and its audit entry in one transaction, then the reminders
    /// follow (rule 10). A group seat given up, in time or late, is offered to the first on the session's waitlist.
    /// </summary>
    private async Task<Outcome<MySessionCancelled>> SaveAsync(
        Appointment appointment, PortalClient client, string what, MySessionCancelled done, CancellationToken ct)
    {
        db.AppointmentEvents.Add(new AppointmentEvent(appointment.Id, client.Author, clock.Now, what));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Refusal(RefusalCodes.ConcurrentChange, "The session was changed at the same moment. Please try again.");
        }

        await audit.RecordAsync(
            [new AuditEvent(AuditActions.Change, AuditEntities.Appointment, appointment.Id, client.Id, AppointmentChanges.Redacted(what))], ct, client.Actor);
        await reminders.SyncAsync([appointment.Id], ct);
        await transaction.CommitAsync(ct);
        if (appointment.Kind == AppointmentKind.Group)
        {
            db.ChangeTracker.Clear();
            await waitlists.SeatFreedAsync(appointment.Id, ct);
        }

        return done;
    }
}
