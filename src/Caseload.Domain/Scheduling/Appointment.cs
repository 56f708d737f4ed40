using NodaTime;
using NodaTime.TimeZones;

namespace Caseload.Domain.Scheduling;

public enum AppointmentKind
{
    Individual,
    Group,
}

public enum AppointmentStatus
{
    Scheduled,
    Cancelled,
}

public enum InviteeStatus
{
    Invited,
    Attended,
    Missed,
}

/// <summary>One client on one appointment. An individual appointment has exactly one.</summary>
public sealed class Invitee
{
    private Invitee()
    {
    }

    internal Invitee(string appointmentId, string clientId, bool createInvoice)
    {
        AppointmentId = appointmentId;
        ClientId = clientId;
        CreateInvoice = createInvoice;
    }

    public string AppointmentId { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    public InviteeStatus Status { get; private set; } = InviteeStatus.Invited;

    /// <summary>Whether this client is invoiced for the session (rule 9).</summary>
    public bool CreateInvoice { get; private set; }

    /// <summary>The client booked this seat themself: they are not a member, and the roster sync leaves them on.</summary>
    public bool SelfBooked { get; private set; }

    /// <summary>Why the client missed, and what they are charged for it (rule 7); set only while missed.</summary>
    public string? MissedReason { get; private set; }

    public decimal? MissedCharge { get; private set; }

    public string? MissedBy { get; private set; }

    public Instant? MissedAt { get; private set; }

    internal static Invitee Booked(string appointmentId, string clientId, bool createInvoice) =>
        new(appointmentId, clientId, createInvoice) { SelfBooked = true };

    internal void Attend() => Status = InviteeStatus.Attended;

    internal void Miss(string reason, decimal charge, string by, Instant at)
    {
        Status = InviteeStatus.Missed;
        MissedReason = reason;
        MissedCharge = charge;
        MissedBy = by;
        MissedAt = at;
    }

    internal void BackToInvited()
    {
        Status = InviteeStatus.Invited;
        MissedReason = null;
        MissedCharge = null;
        MissedBy = null;
        MissedAt = null;
    }
}

/// <summary>
/// A client taken off one appointment on purpose (rule 6). Remembered so that the roster sync, which
/// adds the group's members to its future appointments, does not invite them again (rule 5).
/// </summary>
public sealed class Uninvitation
{
    private Uninvitation()
    {
    }

    internal Uninvitation(string appointmentId, string clientId, LocalDate removedOn)
    {
        AppointmentId = appointmentId;
        ClientId = clientId;
        RemovedOn = removedOn;
    }

    public string AppointmentId { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    public LocalDate RemovedOn { get; private set; }
}

/// <summary>The client (or clients) who will come, and whether each is invoiced.</summary>
public sealed record InviteeChoice(string ClientId, bool CreateInvoice);

/// <summary>When and where a session happens, as booked: wall-clock time in the practice zone.</summary>
public sealed record SessionSlot(LocalDateTime Start, int DurationMinutes, string? Location)
{
    public const int MinMinutes = 5;
    public const int MaxMinutes = 480;

    public static IEnumerable<Refusal> Validate(int durationMinutes)
    {
        if (durationMinutes is < MinMinutes or > MaxMinutes)
        {
            yield return Refusal.Invalid("durationMinutes", $"A session lasts from {MinMinutes} to {MaxMinutes} minutes.");
        }
    }

    /// <summary>The duration's and the location's refusals.</summary>
    public IEnumerable<Refusal> Validate() =>
        Validate(DurationMinutes).Concat(new[] { TextLimits.Check(Location, TextLimits.Location, "location") }.OfType<Refusal>());
}

/// <summary>
/// An individual or group session. Its invitee list is its own copy, taken when it was saved: later
/// changes to a group's members never reach it (rule 3).
/// </summary>
public sealed class Appointment
{
    private readonly List<Invitee> _invitees = [];

    private readonly List<Uninvitation> _uninvited = [];

    private Appointment()
    {
    }

    public string Id { get; private set; } = "";

    public AppointmentKind Kind { get; private set; }

    public string ClinicianId { get; private set; } = "";

    public string ServiceCode { get; private set; } = "";

    public string? GroupId { get; private set; }

    public string? SeriesId { get; private set; }

    /// <summary>The booked wall-clock start in the practice zone; kept across daylight-saving changes (rule 4).</summary>
    public LocalDateTime Start { get; private set; }

    /// <summary>The appointment's calendar day in the practice zone: what "today", "past" and "future" compare.</summary>
    public LocalDate Date { get; private set; }

    public Instant StartsAt { get; private set; }

    public Instant EndsAt { get; private set; }

    public int DurationMinutes { get; private set; }

    public string? Location { get; private set; }

    /// <summary>
    /// The room, folded to lower case, for finding double-booked rooms. Null for a telehealth link:
    /// a link can host any number of sessions; a room cannot.
    /// </summary>
    public string? RoomKey { get; private set; }

    public string? Memo { get; private set; }

    /// <summary>Held over a link rather than in a room: place of service 02 on a claim.</summary>
    public bool IsTelehealth => Location is not null && RoomKey is null;

    public AppointmentStatus Status { get; private set; }

    public Instant SavedAt { get; private set; }

    /// <summary>Bumped by every change; the API's ETag.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Invitee> Invitees => _invitees;

    /// <summary>The clients removed from this appointment on purpose; the roster sync leaves them off.</summary>
    public IReadOnlyList<Uninvitation> Uninvited => _uninvited;

    public Interval Interval => new(StartsAt, EndsAt);

    /// <summary>
    /// Wall-clock times that do not exist (the spring-forward gap) move forward by the gap; times
    /// that happen twice (fall back) take the earlier one. A named choice, so a 02:30 session is never lost.
    /// </summary>
    public static ZonedDateTime Resolve(LocalDateTime start, DateTimeZone zone) =>
        zone.ResolveLocal(start, Resolvers.LenientResolver);

    internal static Appointment Create(
        AppointmentKind kind,
        string clinicianId,
        string serviceCode,
        string? groupId,
        string? seriesId,
        SessionSlot slot,
        string? memo,
        IEnumerable<InviteeChoice> invitees,
        DateTimeZone zone,
        Instant now)
    {
        var appointment = new Appointment
        {
            Id = Guid.CreateVersion7().ToString("N"),
            Kind = kind,
            ClinicianId = clinicianId,
            ServiceCode = serviceCode,
            GroupId = groupId,
            SeriesId = seriesId,
            Memo = Clean(memo),
            Status = AppointmentStatus.Scheduled,
            SavedAt = now,
            Version = 1,
        };
        appointment.Place(slot, zone);
        appointment._invitees.AddRange(invitees.Select(i => new Invitee(appointment.Id, i.ClientId, i.CreateInvoice)));
        return appointment;
    }

    /// <summary>Moves or resizes the session, or changes its room. The invitees stay as they are.</summary>
    public Outcome Reschedule(SessionSlot slot, DateTimeZone zone)
    {
        var refusals = slot.Validate().ToList();
        if (Status == AppointmentStatus.Cancelled)
        {
            refusals.Add(new Refusal(RefusalCodes.AppointmentCancelled, "This appointment was cancelled; schedule a new one instead."));
        }

        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        Place(slot, zone);
        Version++;
        return Outcome.Done;
    }

    /// <summary>
    /// Rule 13: the session's note was signed, so attendance is now part of the signed record. The version moves, so a
    /// change of attendance that read the note while it was a draft loses to the signature instead of slipping past it.
    /// </summary>
    public void SealAttendance() => Version++;

    /// <summary>
    /// The practice moved to another time zone: the booked wall-clock time stays, and the instants
    /// it means are worked out again in the new zone.
    /// </summary>
    public void MoveToZone(DateTimeZone zone)
    {
        Place(new SessionSlot(Start, DurationMinutes, Location), zone);
        Version++;
    }

    public Outcome ChangeMemo(string? memo)
    {
        if (TextLimits.Check(memo, TextLimits.Memo, "memo") is { } tooLong)
        {
            return tooLong;
        }

        Memo = Clean(memo);
        Version++;
        return Outcome.Done;
    }

    /// <summary>Cancelled appointments stay on the calendar, marked, so the history of the week is honest.</summary>
    public Outcome Cancel()
    {
        if (Status == AppointmentStatus.Cancelled)
        {
            return new Refusal(RefusalCodes.AppointmentCancelled, "This appointment is already cancelled.");
        }

        Status = AppointmentStatus.Cancelled;
        Version++;
        return Outcome.Done;
    }

    /// <summary>
    /// Rule 6. Before the session's day an invitee may be taken off this appointment alone (the
    /// client stays in the group and in the series' other appointments). From the day itself the
    /// list is a record of who was expected: it is never edited, a no-show is marked missed instead.
    /// The removal is remembered, so a later roster sync does not undo it (rule 5).
    /// </summary>
    public Outcome RemoveInvitee(string clientId, LocalDate today)
    {
        if (Date <= today)
        {
            return new Refusal(RefusalCodes.InviteeRemovalLocked, Date == today
                ? "Today's appointment is saved: its invitees can no longer be removed. Mark the client as missed instead."
                : "This appointment is in the past: invitees cannot be removed. Mark the client as missed instead.");
        }

        var invitee = _invitees.FirstOrDefault(i => i.ClientId == clientId);
        if (invitee is null)
        {
            return new Refusal(RefusalCodes.NotInvited, "That client is not invited to this appointment.");
        }

        if (Kind == AppointmentKind.Individual)
        {
            return new Refusal(RefusalCodes.OnlyInvitee, "An individual appointment has one client: cancel or delete the appointment instead.");
        }

        Uninvite(invitee, today);
        return Outcome.Done;
    }

    /// <summary>
    /// The client cancelled their own seat in a group session in time, as the practice's policy allows
    /// (<see cref="ClientCancellation"/>): they leave this appointment alone, as with rule 6, and the removal is
    /// remembered for the roster sync. Unlike a staff edit this may happen on the session's day, before it starts,
    /// when the practice's late-cancel window is that short: the client told the practice in time, which is what the
    /// policy asks, so they are not recorded as expected.
    /// </summary>
    public Outcome CancelSeat(string clientId, LocalDate today, Instant now)
    {
        if (ClientCancellation.Refuses(this, clientId, now) is { } refused)
        {
            return refused;
        }

        if (Kind == AppointmentKind.Individual)
        {
            return new Refusal(RefusalCodes.OnlyInvitee, "An individual appointment has one client: cancel the appointment instead.");
        }

        Uninvite(_invitees.Single(i => i.ClientId == clientId), today);
        return Outcome.Done;
    }

    /// <summary>
    /// The client cancelled inside the practice's late-cancel window and confirmed the fee: a late cancellation is
    /// recorded as missed (rule 7) with that fee, even before the session's day, because the practice keeps the seat
    /// and the time for them either way. The billing follows as for any missed mark: billed to the client alone.
    /// </summary>
    public Outcome CancelLate(string clientId, decimal fee, string by, Instant now)
    {
        if (ClientCancellation.Refuses(this, clientId, now) is { } refused)
        {
            return refused;
        }

        if (ChargeRefusal(fee) is { } badFee)
        {
            return badFee;
        }

        _invitees.Single(i => i.ClientId == clientId).Miss(ClientCancellation.LateReason, fee, by, now);
        Version++;
        return Outcome.Done;
    }

    private void Uninvite(Invitee invitee, LocalDate today)
    {
        _invitees.Remove(invitee);
        if (_uninvited.All(u => u.ClientId != invitee.ClientId))
        {
            _uninvited.Add(new Uninvitation(Id, invitee.ClientId, today));
        }

        Version++;
    }

    /// <summary>Rule 5: only the explicit roster sync adds clients to an appointment that already exists.</summary>
    internal void AddInvitee(string clientId)
    {
        _invitees.Add(new Invitee(Id, clientId, createInvoice: true));
        Version++;
    }

    /// <summary>
    /// A client takes a seat the practice opened for booking. Not a late addition (rule 5 forbids staff adding clients
    /// to saved appointments, because the roster is a snapshot of the group): the clinician opened these seats for
    /// eligible clients on purpose, each seat counted against the session's capacity, and the client chooses the
    /// session themself. The seat is marked self-booked so the roster sync does not take the non-member off again.
    /// </summary>
    /// <param name="heldForThem">The seat was held for this client by a waitlist offer, so it counts among the taken.</param>
    public Outcome BookSeat(string clientId, bool createInvoice, Seats seats, bool heldForThem, Instant now)
    {
        if (Kind != AppointmentKind.Group)
        {
            return new Refusal(RefusalCodes.NotAGroupSession, "That is not a group session.", "appointmentId");
        }

        if (SeatBooking.SessionRefusal(this, now) is { } closed)
        {
            return closed;
        }

        if (_invitees.Any(i => i.ClientId == clientId))
        {
            return new Refusal(RefusalCodes.AlreadyBooked, "You already have a seat in this session.", "appointmentId");
        }

        if (!heldForThem && seats.OpenToAll == 0)
        {
            return new Refusal(RefusalCodes.Full, "This session is full. You can join its waitlist.", "appointmentId");
        }

        _invitees.Add(Invitee.Booked(Id, clientId, createInvoice));
        Version++;
        return Outcome.Done;
    }

    internal void DropInvitee(Invitee invitee)
    {
        _invitees.Remove(invitee);
        Version++;
    }

    /// <summary>Rule 7: from the session's day on, a client who did not come is marked missed, with a reason and a charge (0.00 for none).</summary>
    public Outcome MarkMissed(string clientId, string? reason, decimal charge, string by, LocalDate today, Instant now)
    {
        var refusals = new List<Refusal>();
        if (Date > today)
        {
            return new Refusal(RefusalCodes.NotYetMissable, "This session has not happened yet: a client can be marked missed from its day on.");
        }

        var invitee = _invitees.FirstOrDefault(i => i.ClientId == clientId);
        if (invitee is null)
        {
            return new Refusal(RefusalCodes.NotInvited, "That client is not invited to this appointment.");
        }

        if (invitee.Status == InviteeStatus.Missed)
        {
            return new Refusal(RefusalCodes.AlreadyMissed, "This client is already marked missed.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > TextLimits.MissedReason)
        {
            refusals.Add(Refusal.Invalid("reason", $"Give the reason the client missed (at most {TextLimits.MissedReason} characters)."));
        }

        if (ChargeRefusal(charge) is { } badCharge)
        {
            refusals.Add(badCharge);
        }

        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        invitee.Miss(reason!.Trim(), charge, by, now);
        Version++;
        return Outcome.Done;
    }

    /// <summary>Takes back a missed mark; the billing side (payments taken) is checked by the caller.</summary>
    public Outcome UndoMissed(string clientId)
    {
        var invitee = _invitees.FirstOrDefault(i => i.ClientId == clientId);
        if (invitee is not { Status: InviteeStatus.Missed })
        {
            return new Refusal(RefusalCodes.NotMissed, "This client is not marked missed.");
        }

        invitee.BackToInvited();
        Version++;
        return Outcome.Done;
    }

    /// <summary>
    /// Marks every invitee still invited as attended, from the session's day on: the usual day of a group is
    /// everyone came, then the exceptions. Returns the clients it marked.
    /// </summary>
    public Outcome<string[]> MarkAllAttended(LocalDate today)
    {
        if (Date > today)
        {
            return new Refusal(RefusalCodes.NotYetAttendable, "This session has not happened yet.");
        }

        var invited = _invitees.Where(i => i.Status == InviteeStatus.Invited).ToList();
        invited.ForEach(i => i.Attend());
        if (invited.Count > 0)
        {
            Version++;
        }

        return invited.Select(i => i.ClientId).ToArray();
    }

    /// <summary>
    /// Rule 13: a correction of attendance made through an addendum to the signed note, which alone may change
    /// attendance once the note is signed. A client corrected to missed carries the correction's reason and charge
    /// as their missed note; one corrected to attended loses the missed mark.
    /// </summary>
    internal Outcome Correct(string clientId, InviteeStatus to, string reason, decimal charge, string by, LocalDate today, Instant now)
    {
        if (Date > today)
        {
            return new Refusal(RefusalCodes.NotYetAttendable, "This session has not happened yet.");
        }

        var invitee = _invitees.FirstOrDefault(i => i.ClientId == clientId);
        if (invitee is null)
        {
            return new Refusal(RefusalCodes.NotInvited, "That client is not invited to this appointment.");
        }

        if (to == InviteeStatus.Invited)
        {
            return Refusal.Invalid("attendance", "A correction marks the client attended or missed.");
        }

        if (to == invitee.Status)
        {
            return Refusal.Invalid("attendance", $"This client is already marked {to.ToString().ToLowerInvariant()}.");
        }

        if (to == InviteeStatus.Missed)
        {
            if (ChargeRefusal(charge) is { } badCharge)
            {
                return badCharge;
            }

            invitee.Miss(reason, charge, by, now);
        }
        else
        {
            invitee.BackToInvited();
            invitee.Attend();
        }

        Version++;
        return Outcome.Done;
    }

    /// <summary>Attendance is complete when every invitee is attended or missed; attendance is marked from the day on.</summary>
    public Outcome MarkAttended(string clientId, bool attended, LocalDate today)
    {
        if (Date > today)
        {
            return new Refusal(RefusalCodes.NotYetAttendable, "This session has not happened yet.");
        }

        var invitee = _invitees.FirstOrDefault(i => i.ClientId == clientId);
        if (invitee is null)
        {
            return new Refusal(RefusalCodes.NotInvited, "That client is not invited to this appointment.");
        }

        if (invitee.Status == InviteeStatus.Missed)
        {
            return new Refusal(RefusalCodes.AlreadyMissed, "This client is marked missed: undo that first.");
        }

        if (attended)
        {
            invitee.Attend();
        }
        else
        {
            invitee.BackToInvited();
        }

        Version++;
        return Outcome.Done;
    }

    private static Refusal? ChargeRefusal(decimal charge) =>
        charge < 0 || charge > 100_000 || Billing.Money.Round(charge) != charge
            ? Refusal.Invalid("charge", "The charge is from 0.00 (no charge) upwards, in cents.")
            : null;

    private void Place(SessionSlot slot, DateTimeZone zone)
    {
        var zoned = Resolve(slot.Start, zone);
        Start = zoned.LocalDateTime;
        Date = Start.Date;
        StartsAt = zoned.ToInstant();
        EndsAt = StartsAt + Duration.FromMinutes(slot.DurationMinutes);
        DurationMinutes = slot.DurationMinutes;
        Location = Clean(slot.Location);
        RoomKey = Location is null || Location.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? null : Location.ToLowerInvariant();
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
