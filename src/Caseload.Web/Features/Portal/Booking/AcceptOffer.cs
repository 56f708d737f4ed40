using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Portal.Booking;

public sealed record AcceptOfferCommand(string ClientId, string EntryId);

/// <summary>The client takes the seat held for them: booked as any seat is, and their place in line ends.</summary>
[FeatureApi]
public sealed class AcceptOffer(CaseloadDbContext db, SessionSeats sessions, BookSeat bookSeat)
{
    public async Task<Outcome<BookedSeat>> HandleAsync(AcceptOfferCommand command, CancellationToken ct)
    {
        var appointmentId = await db.Set<WaitlistEntry>().AsNoTracking()
            .Where(e => e.Id == command.EntryId && e.ClientId == command.ClientId).Select(e => e.AppointmentId).FirstOrDefaultAsync(ct);
        if (appointmentId is null)
        {
            return Refusal.NotFound("No such waitlist entry.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var session = await sessions.LockAsync(appointmentId, ct);
        var entry = session?.Line.FirstOrDefault(e => e.Id == command.EntryId);
        if (session is null || entry is null)
        {
            return Refusal.NotFound("No such waitlist entry.");
        }

        if (!entry.OfferOpen(session.Now))
        {
            return new Refusal(RefusalCodes.NoOpenOffer, entry.HasOffer
                ? "The seat held for you is no longer held: the offer has ended."
                : "No seat has been offered to you for this session yet.");
        }

        var booked = await bookSeat.TakeAsync(session, command.ClientId, ct);
        if (booked.Succeeded)
        {
            await transaction.CommitAsync(ct);
        }

        return booked;
    }
}
