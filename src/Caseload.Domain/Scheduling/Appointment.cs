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
}

/// <summary>
/// An individual or group session. Its invitee list is its own copy, taken when it was saved: later
/// changes to a group's members never reach it (rule 3).
/// </summary>
public sealed class Appointment
{
    private readonly List<Invitee> _invitees = [];

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

    public AppointmentStatus Status { get; private set; }

    public Instant SavedAt { get; private set; }

    /// <summary>Bumped by every change; the API's ETag.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Invitee> Invitees => _invitees;

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
        var refusals = SessionSlot.Validate(slot.DurationMinutes).ToList();
        if (Status == AppointmentStatus.Cancelled)
        {
            refusals.Add(new Refusal("appointment-cancelled", "This appointment was cancelled; schedule a new one instead."));
        }

        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        Place(slot, zone);
        Version++;
        return Outcome.Done;
    }

    public void ChangeMemo(string? memo)
    {
        Memo = Clean(memo);
        Version++;
    }

    /// <summary>Cancelled appointments stay on the calendar, marked, so the history of the week is honest.</summary>
    public Outcome Cancel()
    {
        if (Status == AppointmentStatus.Cancelled)
        {
            return new Refusal("appointment-cancelled", "This appointment is already cancelled.");
        }

        Status = AppointmentStatus.Cancelled;
        Version++;
        return Outcome.Done;
    }

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
