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

/// <summary>A session the client missed, as their chart lists it; the reason is empty for those who may not read it.</summary>
[FeatureApi]
public sealed record MissedSession(string AppointmentId, LocalDateTime Start, string Title, string Reason, decimal Charge, string Author);

/// <summary>The missed notes of an appointment's invitees, and of one client across their sessions.</summary>
[FeatureApi]
public sealed class MissedNotes(CaseloadDbContext db, AppointmentChanges changes, CurrentStaff staff, Caseloads caseloads)
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

    /// <summary>
    /// The sessions a client missed, newest first, of appointments the asker may see. The chart shows these, and its
    /// one read of the client is their audit entry; billers see the charge, never the reason.
    /// </summary>
    public async Task<List<MissedSession>> OfClientAsync(string clientId, CancellationToken ct)
    {
        var rows = await (await caseloads.AppointmentsAsync(ct)).AsNoTracking()
            .SelectMany(a => a.Invitees.Where(i => i.ClientId == clientId && i.Status == InviteeStatus.Missed), (a, i) => new
            {
                a.Id, a.Start, a.Kind, Group = db.Groups.Where(g => g.Id == a.GroupId).Select(g => g.Name).FirstOrDefault(),
                i.MissedReason, i.MissedCharge, i.MissedBy,
            })
            .ToListAsync(ct);
        var mayReadReasons = staff.Satisfies(ReadsReasons);
        return [.. rows.OrderByDescending(r => r.Start).Select(r => new MissedSession(r.Id, r.Start, r.Kind == AppointmentKind.Group ? r.Group ?? "Group session" : "Individual session",
            mayReadReasons ? r.MissedReason ?? "" : "", r.MissedCharge ?? 0, r.MissedBy ?? ""))];
    }

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
