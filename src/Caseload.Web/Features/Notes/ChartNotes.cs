using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Notes;

/// <summary>A client's chart: each note's shared section and that client's own section, never another member's. Every section read is audited.</summary>
[FeatureApi]
public sealed class ChartNotes(CaseloadDbContext db, Caseloads caseloads, CurrentStaff staff, AuditTrail audit)
{
    /// <summary>Newest first; empty for those who may not read notes and for a client outside the asker's caseload.</summary>
    /// <param name="appointmentId">Only this appointment's note (a print view), so only the note shown is audited.</param>
    public async Task<List<ChartNote>> ForClientAsync(string clientId, CancellationToken ct, string? appointmentId = null)
    {
        if (!await staff.MayAsync(Policies.ReadsNoteContent) || !await (await caseloads.ClientsAsync(ct)).AnyAsync(c => c.Id == clientId, ct))
        {
            return [];
        }

        var zone = await db.ZoneAsync(ct);
        var appointments = (await caseloads.AppointmentsAsync(ct)).Where(a => a.Invitees.Any(i => i.ClientId == clientId));
        if (appointmentId is not null)
        {
            appointments = appointments.Where(a => a.Id == appointmentId);
        }

        var rows = await db.Notes.AsNoTracking()
            .Join(appointments, n => n.AppointmentId, a => a.Id, (n, a) => new { Note = n, a.Start, a.GroupId })
            .Select(x => new { x.Note, x.Start, Group = db.Groups.Where(g => g.Id == x.GroupId).Select(g => g.Name).FirstOrDefault() })
            .ToListAsync(ct);
        var notes = new List<ChartNote>();
        var reads = new List<AuditEvent>();
        foreach (var row in rows.OrderByDescending(r => r.Start))
        {
            var note = row.Note;
            var own = note.Members.FirstOrDefault(m => m.ClientId == clientId);
            if (own is null)
            {
                continue;
            }

            notes.Add(new ChartNote(note.AppointmentId, row.Start, row.Group ?? "Individual session", note.Status, note.Shared, own,
                note.SignedBy, note.SignedAt?.InZone(zone),
                [.. note.Addenda.Where(a => a.ClientId is null || a.ClientId == clientId).Select(a => AddendumView.Of(a, zone))]));
            reads.Add(new AuditEvent(AuditActions.Read, AuditEntities.Note, note.Id, clientId));
        }

        // One append for the whole chart: each append takes the chain's lock, so not one per note.
        await audit.RecordAsync(reads, ct);
        return notes;
    }
}
