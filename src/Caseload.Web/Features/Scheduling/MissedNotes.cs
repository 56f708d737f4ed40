using Caseload.Web.Auth;
using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Scheduling;

/// <summary>The Missed Appointment Note: reason, charge, author and time, and the missed-session invoice if one was issued.</summary>
public sealed record MissedNote(string AppointmentId, string ClientId, string Reason, decimal Charge, string Author, Instant At, string? InvoiceId);

/// <summary>The missed notes of an appointment's invitees.</summary>
public sealed class MissedNotes(CaseloadDbContext db, AppointmentChanges changes, CurrentStaff staff)
{
    /// <summary>
    /// Who reads a missed reason (free text such as "hospitalized"): those who work with the client's care, as on
    /// <c>GET …/missed</c>. Billers see that a session was missed and its charge, not why.
    /// </summary>
    public const string ReadsReasons = Policies.Schedules;

    /// <summary>One invitee's note, if the asker may see the appointment and the client is marked missed.</summary>
    public async Task<Outcome<MissedNote>> OfInviteeAsync(string appointmentId, string clientId, CancellationToken ct) =>
        await changes.IsVisibleAsync(appointmentId, ct) && (await OfAppointmentAsync(appointmentId, ct)).GetValueOrDefault(clientId) is { } note
            ? note
            : Refusal.NotFound("Not found.");

    /// <summary>The missed notes of an appointment by client, read in two queries whatever the number of invitees; the caller has checked the asker may see it.</summary>
    public async Task<Dictionary<string, MissedNote>> OfAppointmentAsync(string appointmentId, CancellationToken ct)
    {
        var missed = await db.Set<Invitee>().AsNoTracking()
            .Where(i => i.AppointmentId == appointmentId && i.Status == InviteeStatus.Missed).ToListAsync(ct);
        if (missed.Count == 0)
        {
            return [];
        }

        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.AppointmentId == appointmentId && i.Kind == InvoiceKind.Missed && i.Status != InvoiceStatus.Void)
            .ToDictionaryAsync(i => i.ClientId, i => i.Id, ct);
        var mayReadReasons = staff.Satisfies(ReadsReasons);
        return missed.ToDictionary(i => i.ClientId, i => new MissedNote(appointmentId, i.ClientId, mayReadReasons ? i.MissedReason ?? "" : "", i.MissedCharge ?? 0,
            i.MissedBy ?? "", i.MissedAt!.Value, invoices.GetValueOrDefault(i.ClientId)));
    }
}
