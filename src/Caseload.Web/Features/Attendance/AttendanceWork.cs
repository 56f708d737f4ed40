using System.Security.Claims;
using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Attendance;

public sealed record MissedInput(string? Reason, decimal? Charge);

/// <summary>The Missed Appointment Note: reason, charge, author and time, and the missed-session invoice if one was issued.</summary>
public sealed record MissedNoteDto(string AppointmentId, string ClientId, string Reason, decimal Charge, string Author, string At, string? InvoiceId);

public sealed record DeletedSeries(IReadOnlyList<string> Deleted, IReadOnlyList<RosterSkip> Kept);

public sealed record RosterReport(IReadOnlyList<RosterChange> Changed, IReadOnlyList<RosterSkip> Skipped);

/// <summary>
/// Rules 5–8, the group-session rules a practice relies on: removing invitees, marking missed or
/// attended, syncing a roster, and deleting. Each change is one transaction and leaves a line in
/// the appointment's history.
/// </summary>
public sealed class AttendanceWork(CaseloadDbContext db, Caseloads caseloads, ReminderSchedule reminders, Clock clock, IHttpContextAccessor http)
{
    public const string MissedVoidReason = "The client missed the session.";

    private static readonly Refusal NoAppointment = new("not-found", "No such appointment.");

    private string Author => http.HttpContext?.User.FindFirstValue(StaffClaimsFactory.DisplayName) ?? "Caseload";

    /// <summary>Rule 6.</summary>
    public async Task<Outcome> RemoveInviteeAsync(string id, string clientId, CancellationToken ct)
    {
        var (appointment, today, refusal) = await LoadAsync(id, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var outcome = appointment!.RemoveInvitee(clientId, today);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await SaveAsync(appointment, $"Removed {await NameAsync(clientId, ct)} from this appointment.", ct);
        return Outcome.Done;
    }

    /// <summary>
    /// Rule 7. The charge defaults to the client's missed-session fee, else the practice's. The
    /// session's invoice is voided; a charge above 0.00 becomes a missed-session invoice billed to
    /// the client alone.
    /// </summary>
    public async Task<(MissedNoteDto? Note, Outcome Outcome)> MarkMissedAsync(string id, string clientId, MissedInput input, CancellationToken ct)
    {
        var (appointment, today, refusal) = await LoadAsync(id, ct);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        var charge = input.Charge ?? await DefaultChargeAsync(clientId, ct);
        var service = await LiveInvoiceAsync(id, clientId, InvoiceKind.Service, ct);
        if (service is { ClientPaid: not 0 })
        {
            return (null, new Refusal("payment-taken", "A payment was taken for this session: refund it before marking the client missed."));
        }

        var outcome = appointment!.MarkMissed(clientId, input.Reason, charge, Author, today, clock.Now);
        if (!outcome.Succeeded)
        {
            return (null, outcome);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        service?.Void(MissedVoidReason);
        Invoice? missed = null;
        if (charge > 0)
        {
            var code = await db.ServiceCodes.AsNoTracking().SingleAsync(s => s.Code == appointment.ServiceCode, ct);
            missed = Invoice.ForMissedSession(
                new BilledSession(id, clientId, appointment.Date, code.Code, code.Description, code.Fee, appointment.IsTelehealth),
                charge, today);
            db.Invoices.Add(missed);
        }

        await SaveAsync(appointment, $"Marked {await NameAsync(clientId, ct)} missed: {input.Reason?.Trim()} (charge {charge:0.00}).", ct);
        await transaction.CommitAsync(ct);
        return (await MissedNoteAsync(id, clientId, ct), Outcome.Done);
    }

    /// <summary>Undoes a missed mark while no payment was taken on the missed-session invoice; the session's invoice comes back.</summary>
    public async Task<Outcome> UndoMissedAsync(string id, string clientId, CancellationToken ct)
    {
        var (appointment, today, refusal) = await LoadAsync(id, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var missed = await LiveInvoiceAsync(id, clientId, InvoiceKind.Missed, ct);
        if (missed is { ClientPaid: not 0 })
        {
            return new Refusal("payment-taken", "A payment was taken for the missed-session charge: refund it before undoing.");
        }

        var outcome = appointment!.UndoMissed(clientId);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        missed?.Void("The missed mark was undone.");
        var invitee = appointment.Invitees.Single(i => i.ClientId == clientId);
        if (invitee.CreateInvoice && await LiveInvoiceAsync(id, clientId, InvoiceKind.Service, ct) is null)
        {
            var code = await db.ServiceCodes.AsNoTracking().SingleAsync(s => s.Code == appointment.ServiceCode, ct);
            var billing = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.Billing).SingleAsync(ct);
            db.Invoices.Add(Invoice.ForSession(
                new BilledSession(id, clientId, appointment.Date, code.Code, code.Description, code.Fee, appointment.IsTelehealth),
                billing, today));
        }

        await SaveAsync(appointment, $"Undid the missed mark of {await NameAsync(clientId, ct)}.", ct);
        await transaction.CommitAsync(ct);
        return Outcome.Done;
    }

    public async Task<Outcome> MarkAttendedAsync(string id, string clientId, bool attended, CancellationToken ct)
    {
        var (appointment, today, refusal) = await LoadAsync(id, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var outcome = appointment!.MarkAttended(clientId, attended, today);
        if (outcome.Succeeded)
        {
            await SaveAsync(appointment, $"{(attended ? "Marked" : "Unmarked")} {await NameAsync(clientId, ct)} as attended.", ct);
        }

        return outcome;
    }

    public async Task<MissedNoteDto?> MissedNoteAsync(string id, string clientId, CancellationToken ct) =>
        (await MissedNotesAsync(id, ct)).GetValueOrDefault(clientId);

    /// <summary>The missed notes of an appointment by client, read in two queries whatever the number of invitees.</summary>
    public async Task<Dictionary<string, MissedNoteDto>> MissedNotesAsync(string id, CancellationToken ct)
    {
        var missed = await db.Set<Invitee>().AsNoTracking()
            .Where(i => i.AppointmentId == id && i.Status == InviteeStatus.Missed).ToListAsync(ct);
        if (missed.Count == 0)
        {
            return [];
        }

        var zone = await db.ZoneAsync(ct);
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.AppointmentId == id && i.Kind == InvoiceKind.Missed && i.Status != InvoiceStatus.Void)
            .ToDictionaryAsync(i => i.ClientId, i => i.Id, ct);
        return missed.ToDictionary(i => i.ClientId, i => new MissedNoteDto(id, i.ClientId, i.MissedReason ?? "", i.MissedCharge ?? 0,
            i.MissedBy ?? "", OffsetDateTimePattern.Rfc3339.Format(i.MissedAt!.Value.InZone(zone).ToOffsetDateTime()), invoices.GetValueOrDefault(i.ClientId)));
    }

    /// <summary>Rule 8 for one appointment.</summary>
    public async Task<Outcome> DeleteAsync(string id, CancellationToken ct)
    {
        var (appointment, _, refusal) = await LoadAsync(id, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (DeletionGuard.Check(await RecordOfAsync(id, ct)) is { } kept)
        {
            return kept;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await DeleteRowsAsync([appointment!], ct);
        await transaction.CommitAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Rule 8 for a series from a date on: each occurrence is judged on its own, and the answer says what stayed and why.</summary>
    public async Task<(DeletedSeries? Result, Outcome Outcome)> DeleteSeriesAsync(string seriesId, LocalDate from, CancellationToken ct)
    {
        var occurrences = await (await caseloads.AppointmentsAsync(ct)).Include(a => a.Invitees)
            .Where(a => a.SeriesId == seriesId && a.Date >= from).OrderBy(a => a.StartsAt).ToListAsync(ct);
        if (occurrences.Count == 0 && !await (await caseloads.AppointmentsAsync(ct)).AnyAsync(a => a.SeriesId == seriesId, ct))
        {
            return (null, new Refusal("not-found", "No such series."));
        }

        if (occurrences.Count > 0 && await caseloads.MayActForAsync(occurrences[0].ClinicianId, ct) is { } notAllowed)
        {
            return (null, notAllowed);
        }

        var records = await RecordsOfAsync([.. occurrences.Select(o => o.Id)], ct);
        var kept = occurrences.Select(o => (o.Id, Refusal: DeletionGuard.Check(records[o.Id]))).Where(k => k.Refusal is not null)
            .Select(k => new RosterSkip(k.Id, k.Refusal!.Message)).ToList();
        var deleted = occurrences.Where(o => kept.All(k => k.AppointmentId != o.Id)).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await DeleteRowsAsync(deleted, ct);
        await transaction.CommitAsync(ct);
        return (new DeletedSeries([.. deleted.Select(d => d.Id)], kept), Outcome.Done);
    }

    /// <summary>Rule 5: the group's appointments from tomorrow on, with no note and no payment, take its current members.</summary>
    public async Task<(RosterReport? Report, Outcome Outcome)> SyncRosterAsync(string groupId, CancellationToken ct)
    {
        var group = await (await caseloads.GroupsAsync(ct)).Include(g => g.Memberships).FirstOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null)
        {
            return (null, new Refusal("not-found", "No such group."));
        }

        if (await caseloads.MayActForAsync(group.ClinicianId, ct) is { } notAllowed)
        {
            return (null, notAllowed);
        }

        var today = await db.TodayAsync(clock, ct);
        var appointments = await db.Appointments.Include(a => a.Invitees)
            .Where(a => a.GroupId == groupId && a.Date > today && a.Status == AppointmentStatus.Scheduled).ToListAsync(ct);
        var records = await RecordsOfAsync([.. appointments.Select(a => a.Id)], ct);
        var (changed, skipped) = RosterSync.Apply(group, appointments, records, today);
        var names = await db.Clients.AsNoTracking().Where(c => c.ClinicianId == group.ClinicianId)
            .ToDictionaryAsync(c => c.Id, c => c.FirstName + " " + c.LastName, ct);
        foreach (var change in changed)
        {
            var what = string.Join("; ", new[]
            {
                change.Added.Count > 0 ? "added " + string.Join(", ", change.Added.Select(c => names.GetValueOrDefault(c, "a client"))) : null,
                change.Removed.Count > 0 ? "removed " + string.Join(", ", change.Removed.Select(c => names.GetValueOrDefault(c, "a client"))) : null,
            }.OfType<string>());
            db.AppointmentEvents.Add(new AppointmentEvent(change.AppointmentId, Author, clock.Now, $"Roster synced with the group: {what}."));
        }

        await db.SaveChangesAsync(ct);
        await reminders.SyncAsync([.. changed.Select(c => c.AppointmentId)], ct);
        return (new RosterReport(changed, skipped), Outcome.Done);
    }

    /// <summary>Rule 5: appointments that exist keep the roster they were saved with; there are two supported ways to change it.</summary>
    public static Refusal NoLateAdditions => new("no-late-additions",
        "A client cannot be added to an appointment that already exists. Delete the future appointments and book them again, " +
        "or use Sync roster to future appointments on the group's page.");

    public async Task<bool> IsVisibleAsync(string id, CancellationToken ct) =>
        await (await caseloads.AppointmentsAsync(ct)).AnyAsync(a => a.Id == id, ct);

    /// <summary>The appointment's history, oldest first; the caller has checked the asker may see it.</summary>
    public async Task<IReadOnlyList<AppointmentEvent>> HistoryAsync(string id, CancellationToken ct) =>
        await db.AppointmentEvents.AsNoTracking().Where(e => e.AppointmentId == id).OrderBy(e => e.At).ToListAsync(ct);

    public async Task<AppointmentRecord> RecordOfAsync(string id, CancellationToken ct) => (await RecordsOfAsync([id], ct))[id];

    /// <summary>What each appointment holds that may not be lost: a note (draft or signed), a payment.</summary>
    private async Task<Dictionary<string, AppointmentRecord>> RecordsOfAsync(List<string> ids, CancellationToken ct)
    {
        // A payment once applied counts even if refunded since: its allocation rows are part of the billing record.
        var paid = await db.Invoices.Where(i => ids.Contains(i.AppointmentId) && db.Set<Allocation>().Any(a => a.InvoiceId == i.Id))
            .Select(i => i.AppointmentId).Distinct().ToListAsync(ct);
        var noted = await db.Notes.Where(n => ids.Contains(n.AppointmentId)).Select(n => n.AppointmentId).ToListAsync(ct);
        return ids.ToDictionary(id => id, id => new AppointmentRecord(HasGroupNote: noted.Contains(id), HasPayment: paid.Contains(id)));
    }

    private async Task DeleteRowsAsync(List<Appointment> appointments, CancellationToken ct)
    {
        var ids = appointments.Select(a => a.Id).ToList();
        await db.Set<InvoiceLine>().Where(l => db.Invoices.Any(i => i.Id == l.InvoiceId && ids.Contains(i.AppointmentId))).ExecuteDeleteAsync(ct);
        await db.Invoices.Where(i => ids.Contains(i.AppointmentId)).ExecuteDeleteAsync(ct);
        db.Appointments.RemoveRange(appointments);
        await db.SaveChangesAsync(ct);
    }

    private async Task<(Appointment? Appointment, LocalDate Today, Refusal? Refusal)> LoadAsync(string id, CancellationToken ct)
    {
        var appointment = await (await caseloads.AppointmentsAsync(ct)).Include(a => a.Invitees).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (appointment is null)
        {
            return (null, default, NoAppointment);
        }

        if (await caseloads.MayActForAsync(appointment.ClinicianId, ct) is { } notAllowed)
        {
            return (null, default, notAllowed);
        }

        return (appointment, await db.TodayAsync(clock, ct), null);
    }

    private async Task SaveAsync(Appointment appointment, string what, CancellationToken ct)
    {
        db.AppointmentEvents.Add(new AppointmentEvent(appointment.Id, Author, clock.Now, what));
        await db.SaveChangesAsync(ct);
        await reminders.SyncAsync([appointment.Id], ct);
    }

    private Task<Invoice?> LiveInvoiceAsync(string appointmentId, string clientId, InvoiceKind kind, CancellationToken ct) =>
        db.Invoices.FirstOrDefaultAsync(i => i.AppointmentId == appointmentId && i.ClientId == clientId && i.Kind == kind
            && i.Status != InvoiceStatus.Void, ct);

    private async Task<decimal> DefaultChargeAsync(string clientId, CancellationToken ct) =>
        await db.Clients.Where(c => c.Id == clientId).Select(c => c.MissedSessionFee).FirstOrDefaultAsync(ct)
            ?? (await db.PracticeAsync(ct)).MissedSessionFee;

    private async Task<string> NameAsync(string clientId, CancellationToken ct) =>
        await db.Clients.Where(c => c.Id == clientId).Select(c => c.FirstName + " " + c.LastName).FirstOrDefaultAsync(ct) ?? "a client";

}
