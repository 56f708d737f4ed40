using Caseload.Domain;
using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Notes;

/// <summary>
/// Group and individual notes (rule 12) as the note use cases reach them. Content is read only by the
/// appointment's clinician and administrators (<see cref="Policies.ReadsNoteContent"/>, asked here for
/// every note); front desk and billers learn that a note exists and its status, never what it says.
/// </summary>
public sealed class SessionNotes(CaseloadDbContext db, Caseloads caseloads, CurrentStaff staff, AuditTrail audit, Clock clock)
{
    private static readonly Refusal NoAppointment = Refusal.NotFound("No such appointment.");
    private static readonly Refusal NotForYou = Refusal.Forbidden("Only the appointment's clinician and administrators read or write notes.");
    private static readonly Refusal NotStarted = Refusal.NotFound("This appointment has no note yet: save a draft first.");
    public const string Stale = "The note was saved elsewhere since you loaded it. Reload it first.";

    /// <summary>The appointment with its invitees: not found outside the asker's caseload, forbidden to those who may not read its note.</summary>
    public async Task<Outcome<Appointment>> AppointmentAsync(string id, CancellationToken ct)
    {
        var appointment = await (await caseloads.AppointmentsAsync(ct)).AsNoTracking().Include(a => a.Invitees).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (appointment is null)
        {
            return NoAppointment;
        }

        return await staff.MayAsync(Policies.ReadsNoteContent, new NoteOwner(appointment.ClinicianId)) ? appointment : NotForYou;
    }

    /// <summary>Changes a started note that is still the version the writer saw, then saves it.</summary>
    public async Task<Outcome<NoteView>> ChangeAsync(string appointmentId, int? expectedVersion, Func<SessionNote, Outcome> change, CancellationToken ct)
    {
        var appointment = await AppointmentAsync(appointmentId, ct);
        if (!appointment.Succeeded)
        {
            return appointment.AsOutcome;
        }

        var note = await db.Notes.FirstOrDefaultAsync(n => n.AppointmentId == appointmentId, ct);
        if (note is null)
        {
            return NotStarted;
        }

        if (Versions.Check(expectedVersion, note.Version, Stale) is { } stale)
        {
            return stale;
        }

        note.FollowAttendance(appointment.Value);
        var outcome = change(note);
        return outcome.Succeeded ? await SaveAsync(note, appointment.Value, ct) : outcome;
    }

    /// <summary>
    /// Starts a blank draft (saved or not yet) from a template or the previous session's note; a draft with text is refused,
    /// so nothing a clinician wrote is overwritten.
    /// </summary>
    public async Task<Outcome<NoteView>> PrefillAsync(Appointment appointment, SharedSection shared, Func<Invitee, MemberSection?> member,
        CancellationToken ct)
    {
        var note = await db.Notes.FirstOrDefaultAsync(n => n.AppointmentId == appointment.Id, ct);
        if (note is null)
        {
            note = SessionNote.Start(appointment, clock.Now);
            db.Notes.Add(note);
        }
        else
        {
            note.FollowAttendance(appointment);
        }

        var outcome = note.Prefill(shared, member, appointment, clock.Now);
        return outcome.Succeeded ? await SaveAsync(note, appointment, ct) : outcome;
    }

    /// <summary>The names of an appointment's invitees by client id, as a note's sections and refusals name them.</summary>
    public Task<Dictionary<string, string>> NamesAsync(Appointment appointment, CancellationToken ct)
    {
        var ids = appointment.Invitees.Select(i => i.ClientId).ToList();
        return db.Clients.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.FirstName + " " + c.LastName, ct);
    }

    public async Task<NoteView> ViewAsync(SessionNote note, Appointment appointment, CancellationToken ct) =>
        NoteView.Of(note, await NamesAsync(appointment, ct), await db.ZoneAsync(ct));

    /// <summary>Saves the changed note and reads it back; a save that collides with another is refused, not lost.</summary>
    public async Task<Outcome<NoteView>> SaveAsync(SessionNote note, Appointment appointment, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new Refusal(RefusalCodes.ConcurrentChange, "The note or its appointment was saved elsewhere at the same moment. Reload it first.");
        }

        await audit.RecordForClientsAsync(AuditActions.Change, AuditEntities.Note, note.Id, note.Members.Select(m => m.ClientId), ct, note.Status.ToString());

        return await ViewAsync(note, appointment, ct);
    }
}
