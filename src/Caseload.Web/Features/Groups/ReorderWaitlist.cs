using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Portal.Booking;
using Caseload.Web.Features.Scheduling;

namespace Caseload.Web.Features.Groups;

/// <param name="Ids">Every entry of the line, in the new order.</param>
public sealed record ReorderWaitlistCommand(string AppointmentId, IReadOnlyList<string>? Ids);

/// <summary>
/// Staff put a session's waitlist in another order (a clinical priority, a client who was promised the next seat).
/// Whoever holds an offer keeps it; the order decides who is offered the next seat. Audited for every client moved.
/// </summary>
[FeatureApi]
public sealed class ReorderWaitlist(CaseloadDbContext db, AppointmentChanges changes, SessionSeats sessions, SessionWaitlist waitlist, AuditTrail audit)
{
    public async Task<Outcome<WaitlistView>> HandleAsync(ReorderWaitlistCommand command, CancellationToken ct)
    {
        var loaded = await changes.LoadAsync(command.AppointmentId, expectedVersion: null, ct);
        if (!loaded.Succeeded)
        {
            return loaded.AsOutcome;
        }

        if (command.Ids is null)
        {
            return Refusal.Invalid("ids", "List every entry of the waitlist exactly once, in the new order.");
        }

        db.ChangeTracker.Clear();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var session = await sessions.LockAsync(command.AppointmentId, ct);
            if (session is null)
            {
                return Refusal.NotFound("No such appointment.");
            }

            var before = session.Line.ToDictionary(e => e.Id, e => Domain.Scheduling.Waitlist.RankOf(session.Line, e.Id));
            var outcome = Domain.Scheduling.Waitlist.Reorder(session.Line, command.Ids);
            if (!outcome.Succeeded)
            {
                return outcome;
            }

            await db.SaveChangesAsync(ct);
            var moved = session.Line.Where(e => Domain.Scheduling.Waitlist.RankOf(session.Line, e.Id) != before[e.Id])
                .Select(e => new AuditEvent(AuditActions.Change, AuditEntities.Appointment, command.AppointmentId, e.ClientId,
                    $"waitlist place {before[e.Id]} → {Domain.Scheduling.Waitlist.RankOf(session.Line, e.Id)}")).ToList();
            await audit.RecordAsync(moved, ct);
            await transaction.CommitAsync(ct);
        }

        return await waitlist.ReadAsync(command.AppointmentId, ct);
    }
}
