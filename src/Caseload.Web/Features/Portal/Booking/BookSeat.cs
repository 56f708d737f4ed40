using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Billing;
using Caseload.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Portal.Booking;

/// <param name="ClientId">The signed-in client: the portal passes it, never the request body.</param>
public sealed record BookSeatCommand(string ClientId, string? AppointmentId);

/// <summary>The seat a client booked: the session and when it starts.</summary>
public sealed record BookedSeat(string AppointmentId, Instant Start);

/// <summary>
/// A client books a seat in a self-booking group session: they become an invitee of it, invoiced by their billing
/// settings (issued on the session's day, rule 9) and reminded by their preferences (rule 10). The session is locked
/// while its seats are counted and taken, so the capacity holds whatever arrives at once.
/// </summary>
[FeatureApi]
public sealed class BookSeat(
    CaseloadDbContext db, SessionSeats sessions, IssueInvoices invoices, ReminderSchedule reminders, AuditTrail audit)
{
    public const string Author = "Client portal";

    public async Task<Outcome<BookedSeat>> HandleAsync(BookSeatCommand command, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.AppointmentId))
        {
            return Refusal.Invalid("appointmentId", "Choose the session to book.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var session = await sessions.LockAsync(command.AppointmentId, ct);
        if (session is null)
        {
            return Refusal.NotFound("No such session.");
        }

        var booked = await TakeAsync(session, command.ClientId, ct);
        if (booked.Succeeded)
        {
            await transaction.CommitAsync(ct);
        }

        return booked;
    }

    /// <summary>
    /// Takes the seat for the client in the locked session, inside the caller's transaction. A seat held for them by
    /// an open offer is theirs whatever the count; their place in the session's line ends either way.
    /// </summary>
    internal async Task<Outcome<BookedSeat>> TakeAsync(LockedSession session, string clientId, CancellationToken ct)
    {
        var (appointment, group, line, _, now) = session;
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return Refusal.NotFound("No such client.");
        }

        var place = line.FirstOrDefault(e => e.ClientId == clientId);
        var outcome = SeatBooking.Book(appointment, group, client, session.Seats, heldForThem: place is not null && place.OfferOpen(now), now);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        if (place is not null)
        {
            db.Remove(place);
        }

        db.AppointmentEvents.Add(new AppointmentEvent(appointment.Id, Author, now, $"{client.FullName} booked a seat."));
        await db.SaveChangesAsync(ct);
        await reminders.SyncAsync([appointment.Id], ct);

        // Rule 9: a session dated today is invoiced at once, like one booked by staff; later ones by the worker on the day.
        await invoices.IssueDueAsync([appointment.Id], ct);
        await audit.RecordAsync([new AuditEvent(AuditActions.Change, AuditEntities.Appointment, appointment.Id, client.Id,
            place is null ? "booked a seat through the client portal" : "took the seat offered from the waitlist")], ct, AuditActor.Client(client.Id, client.FullName));
        return new BookedSeat(appointment.Id, appointment.StartsAt);
    }
}
