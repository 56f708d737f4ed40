using Caseload.Domain.Reminders;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Reminders;

/// <summary>How the log is sorted.</summary>
public enum ReminderOrder
{
    /// <summary>Every reminder, the latest due first: what the API answers by default.</summary>
    Latest,

    /// <summary>Reminders due from the start of today on, the soonest first: what goes out next.</summary>
    Upcoming,

    /// <summary>Every reminder, the earliest due first.</summary>
    Oldest,
}

/// <param name="From">The first due day, in the practice zone.</param>
/// <param name="To">The last due day (included), in the practice zone.</param>
/// <param name="Page">From 1.</param>
/// <param name="UncertainOnly">Only the failed reminders that may or may not have been delivered (their hand-over began and broke off).</param>
public sealed record ReminderQuery(
    ReminderStatus? Status, Channel? Channel, LocalDate? From, LocalDate? To,
    ReminderOrder Order = ReminderOrder.Latest, int Page = 1, int PageSize = ReminderQuery.MaxPageSize, bool UncertainOnly = false)
{
    public const int MaxPageSize = 500;
}

/// <summary>One page of the log and how many reminders match in all.</summary>
public sealed record ReminderPage(IReadOnlyList<ReminderEntry> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>One reminder as the log shows it, its times in the practice zone.</summary>
/// <param name="Status">A reminder being sent right now shows as still pending: it is not sent until the channel took it.</param>
/// <param name="DeliveryUncertain">Failed after its hand-over began: it may or may not have reached the client.</param>
[FeatureApi]
public sealed record ReminderEntry(string Id, string AppointmentId, string ClientId, Channel Channel, int LeadHours, ZonedDateTime DueAt,
    ReminderStatus Status, ZonedDateTime? SentAt, string? Note, bool DeliveryUncertain = false)
{
    public static ReminderEntry Of(Reminder r, DateTimeZone zone) => new(
        r.Id, r.AppointmentId, r.ClientId, r.Channel, r.LeadHours, r.DueAt.InZone(zone),
        r.Status == ReminderStatus.Sending ? ReminderStatus.Pending : r.Status, r.SentAt?.InZone(zone), r.Note,
        r.Status == ReminderStatus.Failed && r.DeliveryUncertain);
}

/// <summary>
/// What was, and will be, sent: per appointment, and for the practice with filters. A reminder names its
/// client, so each read is audited as one read of <c>appointment</c> data naming every client shown, in one append.
/// </summary>
[FeatureApi]
public sealed class ReminderLog(CaseloadDbContext db, AuditTrail audit, Clock clock)
{
    /// <summary>An appointment's reminders, audited as a read naming each client they are for.</summary>
    public async Task<List<ReminderEntry>> ReadForAppointmentAsync(string appointmentId, CancellationToken ct)
    {
        var entries = await ForAppointmentAsync(appointmentId, ct);
        await audit.ReadAsync(AuditEntities.Appointment, appointmentId, entries.Select(e => (string?)e.ClientId), ct,
            $"reminders: shown={entries.Count}");
        return entries;
    }

    /// <summary>For the appointment page, whose own read already names each invitee.</summary>
    public async Task<List<ReminderEntry>> ForAppointmentAsync(string appointmentId, CancellationToken ct)
    {
        var zone = await db.ZoneAsync(ct);
        var rows = await db.Reminders.AsNoTracking().Where(r => r.AppointmentId == appointmentId)
            .OrderBy(r => r.DueAt).ThenBy(r => r.ClientId).ToListAsync(ct);
        return [.. rows.Select(r => ReminderEntry.Of(r, zone))];
    }

    public async Task<ReminderPage> SearchAsync(ReminderQuery query, CancellationToken ct)
    {
        var practice = await db.PracticeAsync(ct);
        var zone = practice.Zone;
        var rows = db.Reminders.AsNoTracking();
        if (query.Order == ReminderOrder.Upcoming)
        {
            var today = practice.Today(clock.Now).AtStartOfDayInZone(zone).ToInstant();
            rows = rows.Where(r => r.DueAt >= today);
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(r => r.Status == status);
        }

        if (query.UncertainOnly)
        {
            rows = rows.Where(r => r.Status == ReminderStatus.Failed && r.DeliveryUncertain);
        }

        if (query.Channel is { } channel)
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

        var pageSize = Math.Clamp(query.PageSize, 1, ReminderQuery.MaxPageSize);
        var page = Math.Max(query.Page, 1);
        var total = await rows.CountAsync(ct);
        var sorted = query.Order == ReminderOrder.Latest
            ? rows.OrderByDescending(r => r.DueAt).ThenBy(r => r.Id)
            : rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id);
        var list = await sorted.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        await audit.ReadAsync(AuditEntities.Appointment, "reminder log", list.Select(r => (string?)r.ClientId), ct,
            $"reminder log: status={query.Status}{(query.UncertainOnly ? " uncertain" : "")} channel={query.Channel} from={query.From} to={query.To} order={query.Order} page={page} shown={list.Count} of {total}");
        return new ReminderPage([.. list.Select(r => ReminderEntry.Of(r, zone))], total, page, pageSize);
    }

    /// <summary>
    /// How many reminders failed after their hand-over began, so may or may not have reached the client: staff
    /// check these with the client. A count names no client, so it is not audited.
    /// </summary>
    public Task<int> UncertainCountAsync(CancellationToken ct) =>
        db.Reminders.CountAsync(r => r.Status == ReminderStatus.Failed && r.DeliveryUncertain, ct);
}
