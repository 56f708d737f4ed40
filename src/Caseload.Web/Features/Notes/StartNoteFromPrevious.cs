using Caseload.Domain;
using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Notes;

public sealed record StartNoteFromPreviousCommand(string AppointmentId);

/// <summary>
/// Starts an empty draft from the group's most recent earlier note: its shared part, and the plan of each member
/// still invited to this session. Nothing about who came or how they took part is copied: that is this session's to write.
/// </summary>
/// <remarks>
/// A weekly group carries its topic and each member's plan from session to session; retyping them is where notes
/// go stale. Participation, progress, mood and risk describe one session only, so they never travel.
/// </remarks>
public sealed class StartNoteFromPrevious(CaseloadDbContext db, SessionNotes notes, Caseloads caseloads, CurrentStaff staff, AuditTrail audit)
{
    private static readonly Refusal NoGroup = new(RefusalCodes.NoPreviousNote, "Only a group session starts from its group's previous note.");
    private static readonly Refusal NoneEarlier = new(RefusalCodes.NoPreviousNote, "This group has no earlier session with a note to start from.");

    public async Task<Outcome<NoteView>> HandleAsync(StartNoteFromPreviousCommand command, CancellationToken ct)
    {
        var appointment = await notes.AppointmentAsync(command.AppointmentId, ct);
        if (!appointment.Succeeded)
        {
            return appointment.AsOutcome;
        }

        var session = appointment.Value;
        if (session.GroupId is not { } groupId)
        {
            return NoGroup;
        }

        var previous = await (await caseloads.AppointmentsAsync(ct)).AsNoTracking()
            .Where(a => a.GroupId == groupId && a.StartsAt < session.StartsAt && db.Notes.Any(n => n.AppointmentId == a.Id))
            .OrderByDescending(a => a.StartsAt)
            .Select(a => new { a.Id, a.ClinicianId })
            .FirstOrDefaultAsync(ct);
        if (previous is null || !await staff.MayAsync(Policies.ReadsNoteContent, new NoteOwner(previous.ClinicianId)))
        {
            return NoneEarlier;
        }

        var earlier = await db.Notes.AsNoTracking().SingleAsync(n => n.AppointmentId == previous.Id, ct);
        await audit.ReadAsync(AuditEntities.Note, earlier.Id, earlier.Members.Select(m => m.ClientId), ct, "started the next session's note from it");
        var plans = earlier.Members.Where(m => !string.IsNullOrWhiteSpace(m.Plan)).ToDictionary(m => m.ClientId, m => m.Plan);
        return await notes.PrefillAsync(session, earlier.Shared with { SessionMinutes = null },
            invitee => invitee.Status != InviteeStatus.Missed && plans.TryGetValue(invitee.ClientId, out var plan)
                ? MemberSection.Blank(invitee.ClientId, invitee.Status) with { Plan = plan }
                : null,
            ct);
    }
}
