using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Billing;
using Caseload.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Scheduling;

/// <summary>
/// What every change of a saved appointment shares: loading it with the checks each change makes, and
/// saving it so that its history and reminders follow. Each change is one transaction.
/// </summary>
[FeatureApi]
public sealed partial class AppointmentChanges(
    CaseloadDbContext db, Caseloads caseloads, AppointmentFeed feed, ReminderSchedule reminders, IssueInvoices invoices, CurrentStaff staff,
    Clock clock, AuditTrail audit)
{
    private static Refusal NoAppointment => Refusal.NotFound("No such appointment.");

    /// <summary>The appointment with its invitees, if the asker may see it and act for its clinician.</summary>
    /// <param name="expectedVersion">The version the person last saw; a stale one is refused so no edit is silently lost.</param>
    public async Task<Outcome<Appointment>> LoadAsync(string id, int? expectedVersion, CancellationToken ct)
    {
        var appointment = await (await caseloads.AppointmentsAsync(ct)).Include(a => a.Invitees).Include(a => a.Uninvited).FirstOrDefaultAsync(a => a.Id == id, ct);
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

    /// <summary>
    /// Saves a move, resize, change of room or memo, or a cancellation, with a line in the history of each
    /// appointment it touched saying what changed, then moves or cancels their reminders (rule 10).
    /// </summary>
    public async Task<Outcome<AppointmentView>> SaveAsync(string id, List<string> changed, CancellationToken ct)
    {
        var touched = db.ChangeTracker.Entries<Appointment>().Where(e => e.State == EntityState.Modified).ToList();
        var touchedIds = touched.Select(e => e.Entity.Id).ToList();
        var invitees = await db.Set<Invitee>().AsNoTracking().Where(i => touchedIds.Contains(i.AppointmentId))
            .Select(i => new { i.AppointmentId, i.ClientId }).ToListAsync(ct);
        var audited = new List<AuditEvent>();
        foreach (var entry in touched)
        {
            if (Describe(entry) is { } what)
            {
                db.AppointmentEvents.Add(new AppointmentEvent(entry.Entity.Id, staff.Author, clock.Now, what));
                var clients = invitees.Where(i => i.AppointmentId == entry.Entity.Id).Select(i => (string?)i.ClientId).DefaultIfEmpty((string?)null);
                audited.AddRange(clients.Select(c => new AuditEvent(AuditActions.Change, AuditEntities.Appointment, entry.Entity.Id, c, what)));
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Refusal(RefusalCodes.ConcurrentChange, "Someone else changed this appointment at the same moment. Reload and try again.");
        }

        db.ChangeTracker.Clear();

        // Rule 9: a session moved to today or earlier is invoiced at save, like one booked there; the worker only
        // looks at the days that came since it last ran.
        await invoices.IssueDueAsync(touchedIds, ct);
        await audit.RecordAsync(audited, ct);
        await transaction.CommitAsync(ct);
        await reminders.SyncAsync(changed, ct);
        return (await feed.FindAsync(id, ct))!;
    }

    /// <summary>The clients an appointment is about, for their audit trails (one entry without a client when it has none).</summary>
    public static IEnumerable<string?> ClientsOf(Appointment appointment) =>
        appointment.Invitees.Count == 0 ? [null] : appointment.Invitees.Select(i => (string?)i.ClientId);

    /// <summary>What an edit changed, in words: "Moved from … to …; location …". Null when nothing a person sees changed.</summary>
    private static string? Describe(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Appointment> entry)
    {
        string? Changed<T>(string property, string label, Func<T?, string> show)
        {
            var p = entry.Property(property);
            var (before, after) = ((T?)p.OriginalValue, (T?)p.CurrentValue);
            return p.IsModified && !Equals(before, after) ? $"{label} {show(before)} → {show(after)}" : null;
        }

        if (entry.Property(nameof(Appointment.Status)).IsModified && entry.Entity.Status == AppointmentStatus.Cancelled)
        {
            return "Cancelled the appointment.";
        }

        static string Text(string? s) => string.IsNullOrEmpty(s) ? "(none)" : $"\"{s}\"";
        string?[] parts =
        [
            Changed<LocalDateTime>(nameof(Appointment.Start), "moved from", s => s.ToString("uuuu-MM-dd HH:mm", null)),
            Changed<int>(nameof(Appointment.DurationMinutes), "duration", m => $"{m} min"),
            Changed<string>(nameof(Appointment.Location), "location", Text),
            Changed<string>(nameof(Appointment.Memo), "memo", Text),
        ];
        var said = parts.Where(p => p is not null).ToList();
        return said.Count == 0 ? null : "Changed: " + string.Join("; ", said) + ".";
    }

    /// <summary>Saves a change of invitees or attendance with a line in the appointment's history, then brings its reminders in line.</summary>
    public async Task SaveWithHistoryAsync(Appointment appointment, string what, CancellationToken ct)
    {
        db.AppointmentEvents.Add(new AppointmentEvent(appointment.Id, staff.Author, clock.Now, what));
        await db.SaveChangesAsync(ct);
        await audit.RecordForClientsAsync(AuditActions.Change, AuditEntities.Appointment, appointment.Id, ClientsOf(appointment), ct, Redacted(what));
        await reminders.SyncAsync([appointment.Id], ct);
    }

    /// <summary>Deletes the appointments and their invoices; the caller has judged each by rule 8.</summary>
    public async Task DeleteAsync(List<Appointment> appointments, CancellationToken ct)
    {
        var ids = appointments.Select(a => a.Id).ToList();
        await db.Set<InvoiceLine>().Where(l => db.Invoices.Any(i => i.Id == l.InvoiceId && ids.Contains(i.AppointmentId))).ExecuteDeleteAsync(ct);
        await db.Invoices.Where(i => ids.Contains(i.AppointmentId)).ExecuteDeleteAsync(ct);
        List<AuditEvent> deleted = [.. appointments.SelectMany(a => ClientsOf(a).Select(c => new AuditEvent(AuditActions.Delete, AuditEntities.Appointment, a.Id, c)))];
        db.Appointments.RemoveRange(appointments);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(deleted, ct);
    }

    /// <summary>
    /// A history line with the missed reason taken out: the reason is free text about the client ("hospitalized")
    /// that only those who may read the Missed Appointment Note see (finding 10); the audit trail never holds it.
    /// </summary>
    public static string Redacted(string what) => MissedReason().Replace(what, "$1 (reason hidden)$2");

    [System.Text.RegularExpressions.GeneratedRegex(@"^(Marked .*? missed): .*( \(charge [^()]*\)\.)$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex MissedReason();

    public async Task<string> NameAsync(string clientId, CancellationToken ct) =>
        await db.Clients.Where(c => c.Id == clientId).Select(c => c.FirstName + " " + c.LastName).FirstOrDefaultAsync(ct) ?? "a client";

    /// <summary>The clients' names in the order of their ids, read in one query.</summary>
    public async Task<List<string>> NamesAsync(IReadOnlyList<string> clientIds, CancellationToken ct)
    {
        var names = await db.Clients.Where(c => clientIds.Contains(c.Id))
            .Select(c => new { c.Id, Name = c.FirstName + " " + c.LastName }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return [.. clientIds.Select(id => names.GetValueOrDefault(id, "a client"))];
    }
}
