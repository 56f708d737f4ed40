using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Caseload.Domain.Practices;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.CalendarFeeds;

/// <summary>A feed as served: the calendar, and the validators a subscribing app sends back to poll cheaply.</summary>
/// <param name="Calendar">Null when the app's copy is current (304).</param>
public sealed record ServedFeed(string? Calendar, string ETag, Instant LastModified);

/// <summary>What the app sent to ask "has it changed since?": <c>If-None-Match</c> wins over <c>If-Modified-Since</c> (RFC 9110 13.2.2).</summary>
public sealed record FeedConditions(IReadOnlyList<string> IfNoneMatch, Instant? IfModifiedSince);

/// <summary>
/// Serves a clinician's private calendar feed: every appointment of theirs from <see cref="DaysBack"/> days ago to
/// <see cref="DaysAhead"/> days ahead, cancelled ones marked cancelled, titled by the practice's
/// <see cref="CalendarFeedNames"/> choice. An unknown or revoked token, or a switched-off account, is simply not found.
/// </summary>
/// <remarks>
/// The ETag is the SHA-256 of the calendar's content, so it changes exactly when something shown changes (a move,
/// a cancellation, a deletion, the practice's naming choice, the window moving on by a day). The feed row keeps the
/// last one served and when it first appeared: that moment is the Last-Modified, which therefore also moves when an
/// appointment disappears, something no per-appointment timestamp could say.
/// </remarks>
public sealed class ServeCalendarFeed(CaseloadDbContext db, Clock clock, AuditTrail audit)
{
    public const int DaysBack = 90;
    public const int DaysAhead = 400;

    private sealed record Row(
        string Id, AppointmentKind Kind, LocalDateTime Start, Instant EndsAt, string? Location, AppointmentStatus Status, int Version,
        int Invited, string? GroupName, string? FirstName, string? LastName);

    public async Task<ServedFeed?> HandleAsync(string token, FeedConditions conditions, CancellationToken ct)
    {
        var hash = FeedTokens.Hash(token);
        var found = await db.CalendarFeeds.Where(f => f.TokenHash == hash)
            .Join(db.Users.Where(u => u.DeactivatedAt == null), f => f.UserId, u => u.Id, (f, u) => new
            {
                Feed = f,
                u.DisplayName,
                ClinicianId = db.Clinicians.Where(c => c.UserId == u.Id).Select(c => c.Id).FirstOrDefault(),
                // One column a subquery: SQLite cannot join a row of several.
                PracticeName = db.Practices.Select(p => p.Name).FirstOrDefault(),
                TimeZoneId = db.Practices.Select(p => p.TimeZoneId).FirstOrDefault(),
                Names = db.Practices.Select(p => p.CalendarFeedNames).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (found?.ClinicianId is null || found.TimeZoneId is null)
        {
            return null;
        }

        var now = clock.Now;
        var zone = DateTimeZoneProviders.Tzdb[found.TimeZoneId];
        var today = now.InZone(zone).Date;
        var from = today.PlusDays(-DaysBack).AtStartOfDayInZone(zone).ToInstant();
        var to = today.PlusDays(DaysAhead + 1).AtStartOfDayInZone(zone).ToInstant();
        var rows = await RowsAsync(found.ClinicianId, from, to, found.Names, ct);
        var sessions = rows.Select(r => Session(r, zone, found.Names)).ToList();
        var name = $"{found.PracticeName} · {found.DisplayName}";

        var contentHash = ContentHash(zone, from, name, sessions);
        if (found.Feed.Served(contentHash, now))
        {
            await db.SaveChangesAsync(ct);
        }

        var etag = $"\"{contentHash}\"";
        var lastModified = found.Feed.ContentChangedAt!.Value;
        if (Unchanged(conditions, etag, lastModified))
        {
            return new ServedFeed(null, etag, lastModified);
        }

        await audit.RecordAsync([new AuditEvent(AuditActions.Read, AuditEntities.Appointment, "calendar-feed", null,
            $"calendar feed {found.ClinicianId} shown={sessions.Count} names={CalendarFeedNaming.NameOf(found.Names)}")],
            ct, new AuditActor(found.Feed.UserId, found.DisplayName));
        return new ServedFeed(CalendarWriter.Write(zone, from, sessions, lastModified, name), etag, lastModified);
    }

    /// <summary>
    /// The clinician's appointments in the window, in one round trip, served by the (clinician, start) index. Names
    /// are read only when the practice shows them.
    /// </summary>
    private async Task<List<Row>> RowsAsync(string clinicianId, Instant from, Instant to, CalendarFeedNames names, CancellationToken ct)
    {
        var showsClients = names != CalendarFeedNames.None;
        var showsGroups = names == CalendarFeedNames.Names;
        return await db.Appointments.AsNoTracking()
            .Where(a => a.ClinicianId == clinicianId && a.StartsAt >= from && a.StartsAt < to)
            .OrderBy(a => a.StartsAt).ThenBy(a => a.Id)
            .Select(a => new Row(
                a.Id, a.Kind, a.Start, a.EndsAt, a.Location, a.Status, a.Version, a.Invitees.Count,
                showsGroups && a.Kind == AppointmentKind.Group ? db.Groups.Where(g => g.Id == a.GroupId).Select(g => g.Name).FirstOrDefault() : null,
                showsClients && a.Kind == AppointmentKind.Individual
                    ? a.Invitees.Select(i => db.Clients.Where(c => c.Id == i.ClientId).Select(c => c.FirstName).FirstOrDefault()).FirstOrDefault()
                    : null,
                showsClients && a.Kind == AppointmentKind.Individual
                    ? a.Invitees.Select(i => db.Clients.Where(c => c.Id == i.ClientId).Select(c => c.LastName).FirstOrDefault()).FirstOrDefault()
                    : null))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The SHA-256 of everything the calendar is written from, which is everything it shows but its DTSTAMP (which
    /// says when the content last changed, so cannot be part of it). Hashing the inputs rather than the written text
    /// lets a 304 skip writing the calendar, the costly part of a large feed.
    /// </summary>
    private static string ContentHash(DateTimeZone zone, Instant from, string name, List<CalendarSession> sessions)
    {
        var content = new StringBuilder(CalendarWriter.ProductId).Append('\n').Append(zone.Id).Append('\n')
            .Append(InstantPattern.ExtendedIso.Format(from)).Append('\n').Append(name).Append('\n');
        foreach (var s in sessions)
        {
            content.Append(s.AppointmentId).Append('\t').Append(LocalDateTimePattern.ExtendedIso.Format(s.Start)).Append('\t')
                .Append(LocalDateTimePattern.ExtendedIso.Format(s.End)).Append('\t').Append(s.Status).Append('\t')
                .Append(s.Version.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(s.Summary).Append('\t')
                .Append(s.Location).Append('\t').Append(s.Description).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())));
    }

    private static CalendarSession Session(Row row, DateTimeZone zone, CalendarFeedNames names) =>
        new(row.Id, row.Start, row.EndsAt.InZone(zone).LocalDateTime, row.Status, row.Version, Title(row, names), row.Location);

    /// <summary>"Individual session", "Group session · 5 invited"; with initials "Individual session · A.L."; with names the client's or group's name.</summary>
    private static string Title(Row row, CalendarFeedNames names)
    {
        if (row.Kind == AppointmentKind.Group)
        {
            var invited = $"{row.Invited} invited";
            return names == CalendarFeedNames.Names && row.GroupName is not null ? $"{row.GroupName} · {invited}" : $"Group session · {invited}";
        }

        return names switch
        {
            CalendarFeedNames.Names when row.FirstName is not null => $"{row.FirstName} {row.LastName}",
            CalendarFeedNames.Initials when row.FirstName is not null => $"Individual session · {Initial(row.FirstName)}{Initial(row.LastName)}",
            _ => "Individual session",
        };
    }

    private static string Initial(string? name) => string.IsNullOrWhiteSpace(name) ? "" : $"{char.ToUpperInvariant(name.Trim()[0])}.";

    private static bool Unchanged(FeedConditions conditions, string etag, Instant lastModified)
    {
        if (conditions.IfNoneMatch.Count > 0)
        {
            return conditions.IfNoneMatch.Any(t => t == "*" || t == etag || t == "W/" + etag);
        }

        // HTTP dates have whole seconds.
        return conditions.IfModifiedSince is { } since && Instant.FromUnixTimeSeconds(lastModified.ToUnixTimeSeconds()) <= since;
    }
}
