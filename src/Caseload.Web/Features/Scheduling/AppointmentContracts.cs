using Caseload.Domain;
using Caseload.Domain.Scheduling;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Scheduling;

public sealed record RecurrenceInput(string? Frequency, int? Interval, int? Count, string? Until);

public sealed record InviteeInput(string ClientId, bool CreateInvoice = true);

/// <summary>A new appointment, or series, as the pinned API takes it.</summary>
public sealed record AppointmentInput(
    string? Kind,
    string? ClinicianId,
    string? ServiceCode,
    string? GroupId,
    string? ClientId,
    string? Start,
    int? DurationMinutes,
    string? Location,
    string? Memo,
    IReadOnlyList<InviteeInput>? Invitees,
    RecurrenceInput? Recurrence);

/// <summary>Changes to one appointment; <c>scope: "following"</c> applies them to the later occurrences of its series too.</summary>
public sealed record AppointmentPatch(string? Start, int? DurationMinutes, string? Location, string? Memo, string? Scope);

public sealed record InviteeDto(string ClientId, string Status, bool CreateInvoice);

/// <summary>The appointment as the pinned API writes it.</summary>
public sealed record AppointmentDto(
    string Id,
    string Kind,
    string ClinicianId,
    string ServiceCode,
    string? GroupId,
    string? SeriesId,
    string Start,
    string End,
    string LocalDate,
    int DurationMinutes,
    string? Location,
    string? Memo,
    string Status,
    string Title,
    string Color,
    IReadOnlyList<InviteeDto> Invitees,
    bool HasGroupNote,
    bool HasPayment)
{
    /// <summary>Sent as the ETag header, not in the body.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Version { get; init; }

    /// <summary>draft or signed, or null with no note: anyone who sees the appointment may know this, not the note's content.</summary>
    public string? NoteStatus { get; init; }
}

public sealed record BookingResponse(string? SeriesId, IReadOnlyList<AppointmentDto> Appointments, IReadOnlyList<Conflict> Warnings);

public sealed record ConflictResponse(IReadOnlyList<Conflict> Warnings);
