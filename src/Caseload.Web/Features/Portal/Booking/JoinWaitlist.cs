using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Portal.Booking;

public sealed record JoinWaitlistCommand(string ClientId, string? AppointmentId);

/// <summary>The client's place in a session's line: <see cref="Position"/> counts from 1.</summary>
public sealed record WaitlistPlace(string Id, int Position);

/// <summary>A client joins the waitlist of a full session they may book: at the end of the line, once.</summary>
[FeatureApi]
public sealed class JoinWaitlist(CaseloadDbContext db, SessionSeats sessions, AuditTrail audit)
{
    public async Task<Outcome<WaitlistPlace>> HandleAsync(JoinWaitlistCommand command, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.AppointmentId))
        {
            return Refusal.Invalid("appointmentId", "Choose the session to wait for.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var session = await sessions.LockAsync(command.AppointmentId, ct);
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (session is null || client is null)
        {
            return Refusal.NotFound("No such session.");
        }

        if (SeatBooking.MayBook(session.Appointment, session.Group, client) is { } refused)
        {
            return refused;
        }

        var joined = Waitlist.Join(session.Appointment, session.Seats, session.Line, client.Id, session.Now);
        if (!joined.Succeeded)
        {
            return joined.AsOutcome;
        }

        db.Add(joined.Value);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync([new AuditEvent(AuditActions.Change, AuditEntities.Appointment, session.Appointment.Id, client.Id,
            "joined the waitlist through the client portal")], ct, AuditActor.Client(client.Id, client.FullName));
        await transaction.CommitAsync(ct);
        return new WaitlistPlace(joined.Value.Id, Waitlist.RankOf([.. session.Line, joined.Value], joined.Value.Id));
    }
}
