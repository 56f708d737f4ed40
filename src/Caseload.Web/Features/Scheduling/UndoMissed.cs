using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Scheduling;

public sealed record UndoMissedCommand(string AppointmentId, string ClientId);

/// <summary>Undoes a missed mark while no payment was taken on the missed-session invoice; the session's invoice comes back.</summary>
public sealed class UndoMissed(CaseloadDbContext db, AppointmentChanges changes, Clock clock)
{
    public async Task<Outcome> HandleAsync(UndoMissedCommand command, CancellationToken ct)
    {
        var loaded = await changes.LoadAsync(command.AppointmentId, expectedVersion: null, ct);
        if (!loaded.Succeeded)
        {
            return loaded.AsOutcome;
        }

        var (appointment, id, clientId) = (loaded.Value, command.AppointmentId, command.ClientId);
        var today = await db.TodayAsync(clock, ct);
        var missed = await db.Invoices.LiveAsync(id, clientId, InvoiceKind.Missed, ct);
        if (MissedSessionBilling.MayUndoMissed(missed) is { } paid)
        {
            return paid;
        }

        var outcome = appointment.UndoMissed(clientId);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        missed?.Void("The missed mark was undone.");
        var invitee = appointment.Invitees.Single(i => i.ClientId == clientId);
        if (invitee.CreateInvoice && await db.Invoices.LiveAsync(id, clientId, InvoiceKind.Service, ct) is null)
        {
            var code = await db.ServiceCodes.AsNoTracking().SingleAsync(s => s.Code == appointment.ServiceCode, ct);
            var billing = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.Billing).SingleAsync(ct);
            db.Invoices.Add(Invoice.ForSession(
                new BilledSession(id, clientId, appointment.Date, code.Code, code.Description, code.Fee, appointment.IsTelehealth),
                billing, today));
        }

        await changes.SaveWithHistoryAsync(appointment, $"Undid the missed mark of {await changes.NameAsync(clientId, ct)}.", ct);
        await transaction.CommitAsync(ct);
        return Outcome.Done;
    }
}
