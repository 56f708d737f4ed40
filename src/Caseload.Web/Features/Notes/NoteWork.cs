using Caseload.Web.Api;
using Caseload.Domain;
using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Notes;

/// <summary>
/// Group and individual notes (rule 12). Content is read only by the appointment's clinician and
/// administrators; front desk and billers learn that a note exists and its status, never what it
/// says. Every read of content is written to the audit trail.
/// </summary>
public sealed class NoteWork(CaseloadDbContext db, Caseloads caseloads, CurrentStaff staff, AuditTrail audit, Clock clock)
{
    private static readonly Refusal NoAppointment = new("not-found", "No such appointment.");
    private static readonly Refusal NotForYou = new("forbidden", "Only the appointment's clinician and administrators read or write notes.");

    public async Task<(NoteDto? Note, Outcome Outcome)> ReadAsync(string appointmentId, CancellationToken ct)
    {
        var (appointment, refusal) = await AppointmentAsync(appointmentId, ct);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        var note = await db.Notes.AsNoTracking().FirstOrDefaultAsync(n => n.AppointmentId == appointmentId, ct);
        if (note is null)
        {
            return (null, new Refusal("not-found", "This appointment has no note yet."));
        }

        await audit.RecordAsync("read-note", $"note:{note.Id}", ct);
        note.FollowAttendance(appointment!);
        return (await ToDtoAsync(note, appointment!, ct), Outcome.Done);
    }

    /// <summary>Saves the draft, starting the note on the first save. A signed note never changes.</summary>
    public async Task<(NoteDto? Note, Outcome Outcome)> SaveDraftAsync(string appointmentId, NoteInput input, string? ifMatch, CancellationToken ct)
    {
        var (appointment, refusal) = await AppointmentAsync(appointmentId, ct);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        var (shared, members, badRisk) = input.ToSections();
        if (badRisk is not null)
        {
            return (null, Refusal.Invalid("members.risk", "Risk is none, low, moderate or high."));
        }

        var note = await db.Notes.FirstOrDefaultAsync(n => n.AppointmentId == appointmentId, ct);
        if (note is not null && ifMatch is not null && ifMatch != "*" && ifMatch != Wire.ETag(note.Version))
        {
            return (null, new Refusal("precondition-failed", "The note was saved elsewhere since you loaded it. Reload it first."));
        }

        if (note is null)
        {
            note = SessionNote.Start(appointment!, clock.Now);
            db.Notes.Add(note);
        }

        var outcome = note.SaveDraft(shared, members, appointment!, clock.Now);
        return outcome.Succeeded ? await SaveAsync(note, appointment!, ct) : (null, outcome);
    }

    public Task<(NoteDto? Note, Outcome Outcome)> SignAsync(string appointmentId, string? ifMatch, CancellationToken ct) =>
        ChangeAsync(appointmentId, ifMatch, (note, signer) => note.Sign(signer, clock.Now), ct);

    public Task<(NoteDto? Note, Outcome Outcome)> AddAddendumAsync(string appointmentId, AddendumInput input, string? ifMatch, CancellationToken ct) =>
        ChangeAsync(appointmentId, ifMatch, (note, author) => note.AddAddendum(input.Text, author, clock.Now, input.ClientId), ct);

    /// <summary>A client's chart: each note's shared section and that client's own section, never another member's.</summary>
    public async Task<List<ChartNote>> ForClientAsync(string clientId, CancellationToken ct)
    {
        if (!await MayReadContentAsync(null, ct) || !await (await caseloads.ClientsAsync(ct)).AnyAsync(c => c.Id == clientId, ct))
        {
            return [];
        }

        var zone = await db.ZoneAsync(ct);
        var appointments = (await caseloads.AppointmentsAsync(ct)).Where(a => a.Invitees.Any(i => i.ClientId == clientId));
        var rows = await db.Notes.AsNoTracking()
            .Join(appointments, n => n.AppointmentId, a => a.Id, (n, a) => new { Note = n, a.Start, a.GroupId })
            .Select(x => new { x.Note, x.Start, Group = db.Groups.Where(g => g.Id == x.GroupId).Select(g => g.Name).FirstOrDefault() })
            .ToListAsync(ct);
        var notes = new List<ChartNote>();
        foreach (var row in rows.OrderByDescending(r => r.Start))
        {
            var own = row.Note.Members.FirstOrDefault(m => m.ClientId == clientId);
            if (own is null)
            {
                continue;
            }

            var dto = NoteDto.From(row.Note, new Dictionary<string, string>(), zone);
            notes.Add(new ChartNote(row.Note.AppointmentId, row.Start, row.Group ?? "Individual session", dto.Status, dto.Shared,
                NoteDto.ToDto(own, null), dto.SignedBy, dto.SignedAt, [.. dto.Addenda.Where(a => a.ClientId is null || a.ClientId == clientId)]));
            await audit.RecordAsync("read-note", $"note:{row.Note.Id}/client:{clientId}", ct);
        }

        return notes;
    }

    /// <summary>Sessions already held without a signed note: what the clinician still owes the record.</summary>
    public async Task<List<AppointmentView>> ToSignAsync(AppointmentFeed feed, CancellationToken ct)
    {
        var own = await staff.ClinicianIdAsync(ct);
        if (own is null)
        {
            return [];
        }

        var now = clock.Now;
        var ids = await db.Appointments.AsNoTracking()
            .Where(a => a.ClinicianId == own && a.Status == AppointmentStatus.Scheduled && a.EndsAt <= now)
            .Where(a => !db.Notes.Any(n => n.AppointmentId == a.Id && n.Status == NoteStatus.Signed))
            .OrderBy(a => a.StartsAt).Select(a => a.Id).Take(50).ToListAsync(ct);
        return await feed.ByIdsAsync(ids, ct);
    }

    /// <summary>Administrators read every note; a clinician the notes of their own appointments; nobody else any.</summary>
    public async Task<bool> MayReadContentAsync(Appointment? appointment, CancellationToken ct) =>
        appointment is null ? staff.Satisfies(Policies.ReadsNoteContent) : await staff.MayAsync(Policies.ReadsNoteContent, new NoteOwner(appointment.ClinicianId));

    private async Task<(NoteDto? Note, Outcome Outcome)> ChangeAsync(
        string appointmentId, string? ifMatch, Func<SessionNote, string, Outcome> change, CancellationToken ct)
    {
        var (appointment, refusal) = await AppointmentAsync(appointmentId, ct);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        var note = await db.Notes.FirstOrDefaultAsync(n => n.AppointmentId == appointmentId, ct);
        if (note is null)
        {
            return (null, new Refusal("not-found", "This appointment has no note yet: save a draft first."));
        }

        if (ifMatch is not null && ifMatch != "*" && ifMatch != Wire.ETag(note.Version))
        {
            return (null, new Refusal("precondition-failed", "The note was saved elsewhere since you loaded it. Reload it first."));
        }

        note.FollowAttendance(appointment!);
        var outcome = change(note, staff.DisplayName);
        return outcome.Succeeded ? await SaveAsync(note, appointment!, ct) : (null, outcome);
    }

    private async Task<(NoteDto? Note, Outcome Outcome)> SaveAsync(SessionNote note, Appointment appointment, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (null, new Refusal("concurrent-change", "The note was saved elsewhere at the same moment. Reload it first."));
        }

        return (await ToDtoAsync(note, appointment, ct), Outcome.Done);
    }

    private async Task<(Appointment? Appointment, Refusal? Refusal)> AppointmentAsync(string id, CancellationToken ct)
    {
        var appointment = await (await caseloads.AppointmentsAsync(ct)).AsNoTracking().Include(a => a.Invitees).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (appointment is null)
        {
            return (null, NoAppointment);
        }

        return await MayReadContentAsync(appointment, ct) ? (appointment, null) : (null, NotForYou);
    }

    private async Task<NoteDto> ToDtoAsync(SessionNote note, Appointment appointment, CancellationToken ct)
    {
        var ids = appointment.Invitees.Select(i => i.ClientId).ToList();
        var names = await db.Clients.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.FirstName + " " + c.LastName, ct);
        var zone = await db.ZoneAsync(ct);
        return NoteDto.From(note, names, zone);
    }
}
