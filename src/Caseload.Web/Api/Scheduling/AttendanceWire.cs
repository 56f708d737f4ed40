using System.Text.Json.Serialization;
using Caseload.Domain.Scheduling;
using Caseload.Web.Features.Groups;
using Caseload.Web.Features.Scheduling;
using NodaTime;

namespace Caseload.Web.Api.Scheduling;

public sealed record MissedInput(string? Reason, decimal? Charge);

/// <summary>The Missed Appointment Note: reason, charge, author and time, and the missed-session invoice if one was issued.</summary>
public sealed record MissedNoteDto(string AppointmentId, string ClientId, string Reason, decimal Charge, string Author, string At, string? InvoiceId);

public sealed record HistoryDto(string At, string By, string What);

public sealed record DeletedSeries(IReadOnlyList<string> Deleted, IReadOnlyList<RosterSkip> Kept);

public sealed record RosterReport(IReadOnlyList<RosterChange> Changed, IReadOnlyList<RosterSkipDto> Skipped)
{
    public static RosterReport From(SyncedRoster report) =>
        new(report.Changed, [.. report.Skipped.Select(k => new RosterSkipDto(k.AppointmentId, k.Reason, k.ClientId))]);
}

/// <summary>A skipped appointment; <c>clientId</c> is there when one member was skipped, not the whole appointment.</summary>
public sealed record RosterSkipDto(
    string AppointmentId,
    string Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientId);

internal static class AttendanceWire
{
    public static MissedNoteDto ToDto(this MissedNote note, DateTimeZone zone) =>
        new(note.AppointmentId, note.ClientId, note.Reason, note.Charge, note.Author, Wire.Time(note.At, zone), note.InvoiceId);

    public static HistoryDto ToDto(this AppointmentEvent e, DateTimeZone zone) => new(Wire.Time(e.At, zone), e.By, e.What);
}
