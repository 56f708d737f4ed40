using Caseload.Web.Api;
using Caseload.Domain.Reminders;
using Caseload.Web.Data;
using Caseload.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Reminders;

public sealed record ReminderQuery(string? Status, string? Channel, LocalDate? From, LocalDate? To, int Limit = 500);

/// <summary>What was, and will be, sent: per appointment, and for the practice with filters.</summary>
public sealed class ReminderLog(CaseloadDbContext db)
{
    public async Task<List<ReminderDto>> ForAppointmentAsync(string appointmentId, CancellationToken ct)
    {
        var zone = await db.ZoneAsync(ct);
        var rows = await db.Reminders.AsNoTracking().Where(r => r.AppointmentId == appointmentId)
            .OrderBy(r => r.DueAt).ThenBy(r => r.ClientId).ToListAsync(ct);
        return [.. rows.Select(r => ToDto(r, zone))];
    }

    public async Task<List<ReminderDto>> SearchAsync(ReminderQuery query, CancellationToken ct)
    {
        var zone = await db.ZoneAsync(ct);
        var rows = db.Reminders.AsNoTracking();
        if (Enum.TryParse<ReminderStatus>(query.Status, ignoreCase: true, out var status))
        {
            rows = rows.Where(r => r.Status == status);
        }

        if (Enum.TryParse<Channel>(query.Channel, ignoreCase: true, out var channel))
        {
            rows = rows.Where(r => r.Channel == channel);
        }

        if (query.From is { } from)
        {
            var start = from.AtStartOfDayInZone(zone).ToInstant();
            rows = rows.Where(r => r.DueAt >= start);
        }

        if (query.To is { } to)
        {
            var end = to.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
            rows = rows.Where(r => r.DueAt < end);
        }

        var list = await rows.OrderByDescending(r => r.DueAt).Take(query.Limit).ToListAsync(ct);
        return [.. list.Select(r => ToDto(r, zone))];
    }

    public static string StatusOf(ReminderStatus status) => status.ToString().ToLowerInvariant();

    private static ReminderDto ToDto(Reminder r, DateTimeZone zone) => new(
        r.Id, r.AppointmentId, r.ClientId, r.Channel.ToString().ToLowerInvariant(), r.LeadHours, Wire.Time(r.DueAt, zone),
        StatusOf(r.Status == ReminderStatus.Sending ? ReminderStatus.Pending : r.Status),
        r.SentAt is { } sent ? Wire.Time(sent, zone) : null, r.Note);
}
