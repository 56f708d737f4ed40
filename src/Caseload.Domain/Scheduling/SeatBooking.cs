using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using NodaTime;

namespace Caseload.Domain.Scheduling;

/// <summary>A client booking a seat in a self-booking group session: the rules that span the group, the client and the session.</summary>
public static class SeatBooking
{
    /// <summary>
    /// The client must be active, on the group clinician's caseload (rule 1) and marked eligible for the group, the
    /// group must have self-booking on, and the session must be one of its future, scheduled sessions. The seat
    /// itself is the appointment's to give.
    /// </summary>
    /// <param name="heldForThem">The client holds an open offer for this session: that seat is theirs to take.</param>
    public static Outcome Book(Appointment appointment, Group group, Client client, Seats seats, bool heldForThem, Instant now) =>
        MayBook(appointment, group, client) is { } refused ? refused : appointment.BookSeat(client.Id, createInvoice: true, seats, heldForThem, now);

    /// <summary>Whether this client may book (or wait for) seats in this group's session at all, or why not.</summary>
    public static Refusal? MayBook(Appointment appointment, Group group, Client client)
    {
        if (appointment.GroupId != group.Id)
        {
            return new Refusal(RefusalCodes.NotAGroupSession, "That is not a session of a group you may book.", "appointmentId");
        }

        if (!group.SelfBooking.Enabled || group.IsArchived)
        {
            return new Refusal(RefusalCodes.SelfBookingOff, "This group is not open for booking online. Please contact the practice.", "appointmentId");
        }

        return group.IsEligible(client.Id) && client.IsActive && client.ClinicianId == group.ClinicianId
            ? null
            : new Refusal(RefusalCodes.NotEligible, "You are not set up to book this group. Please contact the practice.", "appointmentId");
    }

    /// <summary>Why a session can no longer be booked or waited for (cancelled, or already started), or null.</summary>
    public static Refusal? SessionRefusal(Appointment appointment, Instant now) =>
        appointment.Status == AppointmentStatus.Cancelled
            ? new Refusal(RefusalCodes.AppointmentCancelled, "This session was cancelled.", "appointmentId")
            : appointment.StartsAt <= now
                ? new Refusal(RefusalCodes.SessionStarted, "This session has already started or is over.", "appointmentId")
                : null;
}
