using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Domain.Notes;
using Caseload.Domain.Practices;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Scheduling;

/// <summary>
/// What every change of attendance shares, the direct marks and a correction made by an addendum to a signed note:
/// the signed note that stops a direct change (rule 13), and the billing that follows (rule 7) — which invoice is
/// voided, which is issued, and when a payment stops it. The caller holds the transaction and saves.
/// </summary>
[FeatureApi]
public sealed class AttendanceChanges(CaseloadDbContext db)
{
    /// <summary>The charge a missed mark proposes when none is given: the client's missed-session fee, else the practice's.</summary>
    public async Task<decimal> DefaultChargeAsync(string clientId, Practice practice, CancellationToken ct) =>
        MissedSessionBilling.DefaultCharge(
            await db.Clients.Where(c => c.Id == clientId).Select(c => c.MissedSessionFee).FirstOrDefaultAsync(ct), practice.MissedSessionFee);

    /// <summary>Refused (<c>payment-taken</c>) when the session's invoice for the client holds a payment.</summary>
    public async Task<Refusal?> MayMarkMissedAsync(string appointmentId, string clientId, CancellationToken ct) =>
        MissedSessionBilling.MayMarkMissed(await db.Invoices.LiveAsync(appointmentId, clientId, InvoiceKind.Service, ct));

    /// <summary>Refused (<c>payment-taken</c>) when the missed-session invoice for the client holds a payment.</summary>
    public async Task<Refusal?> MayUndoMissedAsync(string appointmentId, string clientId, CancellationToken ct) =>
        MissedSessionBilling.MayUndoMissed(await db.Invoices.LiveAsync(appointmentId, clientId, InvoiceKind.Missed, ct));

    /// <summary>The client missed: the session's invoice is voided; a charge above 0.00 is a missed-session invoice billed to the client alone.</summary>
    public async Task BillMissedAsync(Appointment appointment, string clientId, decimal charge, LocalDate today, CancellationToken ct)
    {
        (await db.Invoices.LiveAsync(appointment.Id, clientId, InvoiceKind.Service, ct))?.Void("The client missed the session.");
        if (charge > 0)
        {
            var code = await db.ServiceCodes.AsNoTracking().SingleAsync(s => s.Code == appointment.ServiceCode, ct);
            db.Invoices.Add(Invoice.ForMissedSession(
                new BilledSession(appointment.Id, clientId, appointment.Date, code.Code, code.Description, code.Fee, appointment.IsTelehealth),
                charge, today));
        }
    }

    /// <summary>The client no longer counts as missed: the missed-session invoice is voided and the session's invoice comes back if they are invoiced.</summary>
    public async Task BillNoLongerMissedAsync(Appointment appointment, string clientId, LocalDate today, string voidReason, CancellationToken ct)
    {
        (await db.Invoices.LiveAsync(appointment.Id, clientId, InvoiceKind.Missed, ct))?.Void(voidReason);
        var invitee = appointment.Invitees.Single(i => i.ClientId == clientId);
        if (invitee.CreateInvoice && await db.Invoices.LiveAsync(appointment.Id, clientId, InvoiceKind.Service, ct) is null)
        {
            var code = await db.ServiceCodes.AsNoTracking().SingleAsync(s => s.Code == appointment.ServiceCode, ct);
            var billing = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.Billing).SingleAsync(ct);
            db.Invoices.Add(Invoice.ForSession(
                new BilledSession(appointment.Id, clientId, appointment.Date, code.Code, code.Description, code.Fee, appointment.IsTelehealth),
                billing, today));
        }
    }

    /// <summary>Rule 13: the refusal of a direct change of attendance once the session's note is signed, else null.</summary>
    public async Task<Refusal?> SignedNoteRefusalAsync(string appointmentId, CancellationToken ct) =>
        SignedAttendance.RefusesDirectChange(
            await db.Notes.Where(n => n.AppointmentId == appointmentId).Select(n => (NoteStatus?)n.Status).FirstOrDefaultAsync(ct));
}
