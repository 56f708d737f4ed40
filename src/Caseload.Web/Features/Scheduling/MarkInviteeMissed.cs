using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Scheduling;

/// <param name="Charge">Null for the default: the client's missed-session fee, else the practice's.</param>
public sealed record MarkInviteeMissedCommand(string AppointmentId, string ClientId, string? Reason, decimal? Charge);

/// <summary>
/// Rule 7. From the session's day on, a client who did not come is marked missed. The session's
/// invoice is voided; a charge above 0.00 becomes a missed-session invoice billed to the client alone.
/// </summary>
public sealed class MarkInviteeMissed(
    CaseloadDbContext db, AppointmentChanges changes, MissedNotes notes, CurrentStaff staff, Clock clock)
{
    private const string MissedVoidReason = "The client missed the session.";

    public async Task<Outcome<MissedNote>> HandleAsync(MarkInviteeMissedCommand command, CancellationToken ct)
    {
        var loaded = await changes.LoadAsync(command.AppointmentId, expectedVersion: null, ct);
        if (!loaded.Succeeded)
        {
            return loaded.AsOutcome;
        }

        var (appointment, id, clientId) = (loaded.Value, command.AppointmentId, command.ClientId);
        var practice = await db.PracticeAsync(ct);
        var today = practice.Today(clock.Now);
        var charge = command.Charge ?? MissedSessionBilling.DefaultCharge(
            await db.Clients.Where(c => c.Id == clientId).Select(c => c.MissedSessionFee).FirstOrDefaultAsync(ct), practice.MissedSessionFee);
        var service = await db.Invoices.LiveAsync(id, clientId, InvoiceKind.Service, ct);
        if (MissedSessionBilling.MayMarkMissed(service) is { } paid)
        {
            return paid;
        }

        var outcome = appointment.MarkMissed(clientId, command.Reason, charge, staff.Author, today, clock.Now);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        service?.Void(MissedVoidReason);
        if (charge > 0)
        {
            var code = await db.ServiceCodes.AsNoTracking().SingleAsync(s => s.Code == appointment.ServiceCode, ct);
            db.Invoices.Add(Invoice.ForMissedSession(
                new BilledSession(id, clientId, appointment.Date, code.Code, code.Description, code.Fee, appointment.IsTelehealth),
                charge, today));
        }

        await changes.SaveWithHistoryAsync(appointment,
            $"Marked {await changes.NameAsync(clientId, ct)} missed: {command.Reason?.Trim()} (charge {charge:0.00}).", ct);
        await transaction.CommitAsync(ct);
        return (await notes.OfAppointmentAsync(id, ct))[clientId];
    }
}
