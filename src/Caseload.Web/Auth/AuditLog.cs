using System.Globalization;
using System.Text;
using Caseload.Domain;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Auth;

/// <summary>
/// What an administrator asks of the audit trail. <see cref="From"/> and <see cref="To"/> are instants or
/// dates (a date is the practice's day: <c>to</c> includes it); <see cref="Cursor"/> is the <c>next</c> of the page before.
/// </summary>
public sealed record AuditQuery(
    string? ClientId = null, string? UserId = null, string? EntityType = null, string? Action = null,
    string? From = null, string? To = null, string? Cursor = null, int Limit = AuditLog.PageSize);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? Next);

/// <summary>The administrators' view of the audit trail: filtered, newest first, a page at a time by a keyset cursor; and its CSV.</summary>
public sealed class AuditLog(CaseloadDbContext db, AuditTrail audit)
{
    public const int PageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>Most rows one CSV export holds; narrow the filter for more.</summary>
    public const int MaxExportRows = 100_000;

    public async Task<Outcome<AuditPage>> PageAsync(AuditQuery query, CancellationToken ct)
    {
        var (filtered, refusals) = await FilterAsync(query, ct);
        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        var limit = Math.Clamp(query.Limit, 1, MaxPageSize);
        var rows = await filtered.Take(limit + 1).ToListAsync(ct);
        var next = rows.Count > limit ? rows[limit - 1].Seq.ToString(CultureInfo.InvariantCulture) : null;
        return new AuditPage(rows.Take(limit).ToList(), next);
    }

    /// <summary>The filtered entries as CSV, newest first. The export is itself an entry of the trail.</summary>
    public async Task<Outcome<string>> CsvAsync(AuditQuery query, CancellationToken ct)
    {
        var (filtered, refusals) = await FilterAsync(query with { Cursor = null }, ct);
        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        var csv = new StringBuilder();
        csv.AppendLine("id,at,userId,userName,action,entityType,entityId,clientId,ip,outcome,detail");
        var count = 0;
        await foreach (var e in filtered.Take(MaxExportRows).AsAsyncEnumerable().WithCancellation(ct))
        {
            string?[] cells = [e.Id, InstantPattern.ExtendedIso.Format(e.At), e.UserId, e.UserName, e.Action, e.EntityType, e.EntityId, e.ClientId, e.Ip, e.Outcome, e.Detail];
            csv.AppendLine(string.Join(',', cells.Select(Quote)));
            count++;
        }

        await audit.RecordAsync(AuditActions.Export, AuditEntities.User, "audit.csv", query.ClientId, ct,
            $"audit CSV: clientId={query.ClientId} userId={query.UserId} entityType={query.EntityType} action={query.Action} from={query.From} to={query.To} rows={count}");
        return csv.ToString();
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct) => await AuditChain.VerifyAsync(db, ct);

    /// <summary>The people who appear in the trail, for the page's filter.</summary>
    public async Task<List<AuditActor>> UsersAsync(CancellationToken ct) =>
        await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new AuditActor(u.Id, u.DisplayName)).ToListAsync(ct);

    private async Task<(IQueryable<AuditEntry> Entries, List<Refusal> Refusals)> FilterAsync(AuditQuery query, CancellationToken ct)
    {
        var refusals = new List<Refusal>();
        IQueryable<AuditEntry> entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(query.ClientId))
        {
            entries = entries.Where(e => e.ClientId == query.ClientId);
        }

        if (!string.IsNullOrEmpty(query.UserId))
        {
            entries = entries.Where(e => e.UserId == query.UserId);
        }

        if (!string.IsNullOrEmpty(query.EntityType))
        {
            if (!AuditEntities.All.Contains(query.EntityType))
            {
                refusals.Add(Refusal.Invalid("entityType", $"entityType is one of {string.Join(", ", AuditEntities.All)}."));
            }

            entries = entries.Where(e => e.EntityType == query.EntityType);
        }

        if (!string.IsNullOrEmpty(query.Action))
        {
            if (!AuditActions.All.Contains(query.Action))
            {
                refusals.Add(Refusal.Invalid("action", $"action is one of {string.Join(", ", AuditActions.All)}."));
            }

            entries = entries.Where(e => e.Action == query.Action);
        }

        var zone = await db.ZoneAsync(ct);
        if (Moment(query.From, "from", zone, refusals, endOfDay: false) is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (Moment(query.To, "to", zone, refusals, endOfDay: true) is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }

        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (long.TryParse(query.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var before))
            {
                entries = entries.Where(e => e.Seq < before);
            }
            else
            {
                refusals.Add(Refusal.Invalid("cursor", "cursor is the next value of the page before."));
            }
        }

        return (entries.OrderByDescending(e => e.Seq), refusals);
    }

    /// <summary>An instant (<c>2026-05-01T09:00:00Z</c>) or a practice day (<c>2026-05-01</c>; as <c>to</c>, through its end).</summary>
    private static Instant? Moment(string? text, string field, DateTimeZone zone, List<Refusal> refusals, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (InstantPattern.ExtendedIso.Parse(text).TryGetValue(default, out var instant))
        {
            return instant;
        }

        var date = LocalDatePattern.Iso.Parse(text);
        if (date.Success && date.Value.Year is >= 1900 and <= 2200)
        {
            return (endOfDay ? date.Value.PlusDays(1) : date.Value).AtStartOfDayInZone(zone).ToInstant();
        }

        refusals.Add(Refusal.Invalid(field, $"{field} is a date (YYYY-MM-DD) or an instant (YYYY-MM-DDThh:mm:ssZ) between 1900 and 2200."));
        return null;
    }

    /// <summary>RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs a cell as a formula.</summary>
    private static string Quote(string? cell)
    {
        cell ??= "";
        if (cell.Length > 0 && "=+-@".Contains(cell[0], StringComparison.Ordinal))
        {
            cell = "'" + cell;
        }

        return cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
    }
}
