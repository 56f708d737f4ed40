using System.Globalization;
using Caseload.Domain.Practices;
using NodaTime;

namespace Caseload.Domain.Scheduling;

/// <summary>
/// A client cancelling their own session in the client portal, under the practice's policy (<see cref="PortalPolicy"/>).
/// In time, a group seat is given up (<see cref="Appointment.CancelSeat"/>) and an individual session is cancelled;
/// inside the late-cancel window the client is first shown the fee, and confirming records a late cancellation as
/// missed with that fee (<see cref="Appointment.CancelLate"/>, rule 7).
/// </summary>
public static class ClientCancellation
{
    /// <summary>The missed reason of a late cancellation, as the practice's records show it.</summary>
    public const string LateReason = "Cancelled late by the client";

    /// <summary>The name of the fee in a <see cref="RefusalCodes.LateCancelFee"/> refusal's facts.</summary>
    public const string FeeFact = "fee";

    /// <summary>
    /// Why the client cannot cancel the session at all, else null: it is already cancelled, it has started (a past
    /// session is the practice's to mark), or their attendance is already recorded.
    /// </summary>
    /// <param name="invitee">The client's state on the appointment; null when they are not on it.</param>
    public static Refusal? Refuses(AppointmentStatus status, InviteeStatus? invitee, Instant startsAt, Instant now)
    {
        if (invitee is null)
        {
            return new Refusal(RefusalCodes.NotInvited, "You are not booked on this session.");
        }

        if (status == AppointmentStatus.Cancelled)
        {
            return new Refusal(RefusalCodes.AppointmentCancelled, "This session is already cancelled.");
        }

        if (now >= startsAt)
        {
            return new Refusal(RefusalCodes.SessionStarted, "This session has started or is over: it can no longer be cancelled. Please call the practice.");
        }

        return invitee == InviteeStatus.Invited
            ? null
            : new Refusal(RefusalCodes.AttendanceRecorded, "Your attendance at this session is already recorded: it can no longer be cancelled.");
    }

    public static Refusal? Refuses(Appointment appointment, string clientId, Instant now) =>
        Refuses(appointment.Status, appointment.Invitees.FirstOrDefault(i => i.ClientId == clientId)?.Status, appointment.StartsAt, now);

    /// <summary>
    /// Inside the window the client sees the fee before anything happens: the refusal names it in its message and
    /// as the <see cref="FeeFact"/> fact, and the client cancels by confirming it. A fee of 0.00 is still a late
    /// cancellation, recorded as missed.
    /// </summary>
    public static Refusal FeeToConfirm(decimal fee, string currency, PortalPolicy policy)
    {
        var amount = $"{fee.ToString("0.00", CultureInfo.InvariantCulture)} {currency}";
        var late = $"This session starts in less than {policy.LateCancelHours} hours, so cancelling now is a late cancellation";
        var message = fee > 0
            ? $"{late}: the practice's late-cancellation fee of {amount} applies. Confirm the fee to cancel."
            : $"{late}, recorded as a missed session. There is no fee ({amount}). Confirm to cancel.";
        return new Refusal(RefusalCodes.LateCancelFee, message) { Facts = new Dictionary<string, object> { [FeeFact] = fee, ["currency"] = currency } };
    }
}
