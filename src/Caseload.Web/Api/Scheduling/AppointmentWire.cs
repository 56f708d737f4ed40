using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Features.Scheduling;
using NodaTime;

namespace Caseload.Web.Api.Scheduling;

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

/// <summary>Appointments between the wire and the scheduling use cases.</summary>
internal static class AppointmentWire
{
    public static AppointmentDto ToDto(this AppointmentView view, DateTimeZone zone) => new(
        view.Id, Wire.Kind(view.Kind), view.ClinicianId, view.ServiceCode, view.GroupId, view.SeriesId,
        Wire.Time(view.StartsAt, zone), Wire.Time(view.EndsAt, zone), Wire.Date(view.Start.Date), view.DurationMinutes, view.Location, view.Memo,
        Wire.Status(view.Status), view.Title, view.Color,
        [.. view.Invitees.Select(i => new InviteeDto(i.ClientId, Wire.Status(i.Status), i.CreateInvoice))],
        HasGroupNote: view.NoteStatus is not null, view.HasPayment)
    {
        Version = view.Version,
        NoteStatus = NoteStatusOf(view.NoteStatus),
    };

    public static AppointmentDto ToDto(this CalendarEntry entry, DateTimeZone zone) => new(
        entry.Id, Wire.Kind(entry.Kind), entry.ClinicianId, entry.ServiceCode, entry.GroupId, entry.SeriesId,
        Wire.Time(entry.StartsAt, zone), Wire.Time(entry.EndsAt, zone), Wire.Date(entry.Start.Date), entry.DurationMinutes, entry.Location, entry.Memo,
        Wire.Status(entry.Status), entry.Title, entry.Color,
        [.. entry.Invitees.Select(i => new InviteeDto(i.ClientId, Wire.Status(i.Status), i.CreateInvoice))],
        HasGroupNote: entry.NoteStatus is not null, entry.HasPayment)
    {
        NoteStatus = NoteStatusOf(entry.NoteStatus),
    };

    public static BookingResponse ToDto(this BookedAppointments booked, DateTimeZone zone) =>
        new(booked.SeriesId, [.. booked.Appointments.Select(a => a.ToDto(zone))], booked.Warnings);

    private static string? NoteStatusOf(Domain.Notes.NoteStatus? status) => status switch
    {
        null => null,
        Domain.Notes.NoteStatus.Signed => "signed",
        _ => "draft",
    };

    /// <summary>
    /// The booking the input asks for, or what the wire cannot say (kind, start, repetition); those
    /// refusals are answered together with what the named records would be refused for, as one 400.
    /// </summary>
    public static async Task<Outcome<BookAppointmentCommand>> ReadAsync(
        this AppointmentInput input, DateTimeZone zone, BookingPlanner planner, CancellationToken ct)
    {
        var refusals = new List<Refusal>();
        var kind = input.Kind switch
        {
            "group" => AppointmentKind.Group,
            "individual" => AppointmentKind.Individual,
            _ => (AppointmentKind?)null,
        };
        if (kind is null)
        {
            refusals.Add(Refusal.Invalid("kind", "Kind must be group or individual."));
        }

        var (start, badStart) = Wire.ParseStart(input.Start, zone);
        if (badStart is not null)
        {
            refusals.Add(badStart);
        }

        var recurrence = ReadRecurrence(input.Recurrence);
        if (!recurrence.Succeeded)
        {
            refusals.AddRange(recurrence.Refusals);
        }

        var invitees = input.Invitees?.Select(i => new InviteeChoice(i.ClientId, i.CreateInvoice)).ToList();
        if (refusals.Count > 0)
        {
            var names = new BookingNames(kind, input.ClinicianId, input.ServiceCode, input.GroupId, input.ClientId, invitees, input.DurationMinutes);
            return Outcome.From([.. refusals, .. (await planner.LookUpAsync(names, ct)).Refusals]);
        }

        return new BookAppointmentCommand(kind!.Value, input.ClinicianId, input.ServiceCode, input.GroupId, input.ClientId, start!.Value,
            input.DurationMinutes, input.Location, input.Memo, invitees, recurrence.Value);
    }

    /// <summary>A repetition, or none; <c>weekly</c> or <c>monthly</c> (the same weekday of the month).</summary>
    private static Outcome<Recurrence?> ReadRecurrence(RecurrenceInput? input)
    {
        if (input is null)
        {
            return (Recurrence?)null;
        }

        var frequency = input.Frequency switch
        {
            "weekly" => Frequency.Weekly,
            "monthly" => Frequency.MonthlyByWeekday,
            _ => (Frequency?)null,
        };
        if (frequency is null)
        {
            return Refusal.Invalid("recurrence.frequency", "Repeat weekly or monthly.");
        }

        var until = default(LocalDate?);
        if (!string.IsNullOrWhiteSpace(input.Until))
        {
            var (date, refusal) = Wire.ParseDate(input.Until, "recurrence.until");
            if (refusal is not null)
            {
                return refusal;
            }

            until = date;
        }

        return new Recurrence(frequency.Value, input.Interval ?? 1, input.Count, until);
    }

    /// <summary>The change the patch asks for, or the first thing about it the wire cannot say.</summary>
    public static Outcome<ChangeAppointmentCommand> Read(this AppointmentPatch patch, string id, string? ifMatch, DateTimeZone zone)
    {
        var start = default(LocalDateTime?);
        if (patch.Start is not null)
        {
            var (parsed, refusal) = Wire.ParseStart(patch.Start, zone);
            if (refusal is not null)
            {
                return refusal;
            }

            start = parsed;
        }

        var scope = patch.Scope switch
        {
            null or "this" => ChangeScope.This,
            "following" => ChangeScope.Following,
            _ => (ChangeScope?)null,
        };
        if (scope is null)
        {
            return Refusal.Invalid("scope", "Scope is this or following.");
        }

        return new ChangeAppointmentCommand(id, start, patch.DurationMinutes, patch.Location, patch.Memo, scope.Value, Wire.IfMatch(ifMatch));
    }
}
