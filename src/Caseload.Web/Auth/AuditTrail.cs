using System.Security.Claims;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Caseload.Web.Auth;

/// <summary>What an entry says was done.</summary>
public static class AuditActions
{
    public const string Read = "read";
    public const string Create = "create";
    public const string Change = "change";
    public const string Delete = "delete";
    public const string Export = "export";
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string Refused = "refused";

    public static readonly string[] All = [Read, Create, Change, Delete, Export, SignIn, SignInFailed, SignOut, Refused];
}

/// <summary>What kind of record an entry is about.</summary>
public static class AuditEntities
{
    public const string Client = "client";
    public const string Appointment = "appointment";
    public const string Note = "note";
    public const string Invoice = "invoice";
    public const string Payment = "payment";
    public const string Claim = "claim";
    public const string User = "user";
    public const string Practice = "practice";
    public const string Report = "report";

    public static readonly string[] All = [Client, Appointment, Note, Invoice, Payment, Claim, User, Practice, Report];
}

/// <summary>One thing to write down. <see cref="ClientId"/> names the client whose data it touched.</summary>
public sealed record AuditEvent(string Action, string EntityType, string EntityId, string? ClientId = null, string? Detail = null, bool Refused = false);

/// <summary>Who did it, when the request has nobody signed in yet (a sign-in).</summary>
public sealed record AuditActor(string UserId, string UserName);

/// <summary>
/// The practice's record of who read or changed which client's data, signed in or out, or was refused.
/// Every feature writes through here; entries are appended to one hash chain (<see cref="AuditChain"/>),
/// one writer at a time, and nothing in the product changes or deletes them.
/// </summary>
public sealed class AuditTrail(CaseloadDbContext db, IServiceScopeFactory scopes, IHttpContextAccessor http, Clock clock)
{
    /// <summary>A read of one record that shows these clients' data: one entry per client (one without a client when there is none).</summary>
    public Task ReadAsync(string entityType, string entityId, IEnumerable<string?> clientIds, CancellationToken ct, string? detail = null) =>
        RecordForClientsAsync(AuditActions.Read, entityType, entityId, clientIds, ct, detail);

    /// <summary>A read of one record about one client.</summary>
    public Task ReadAsync(string entityType, string entityId, string? clientId, CancellationToken ct, string? detail = null) =>
        RecordAsync([new AuditEvent(AuditActions.Read, entityType, entityId, clientId, detail)], ct);

    /// <summary>An action on one record that touches these clients: one entry per client (one without a client when there is none).</summary>
    public Task RecordForClientsAsync(string action, string entityType, string entityId, IEnumerable<string?> clientIds, CancellationToken ct, string? detail = null)
    {
        var distinct = clientIds.Where(c => !string.IsNullOrEmpty(c)).Distinct().ToList();
        return RecordAsync(
            distinct.Count == 0
                ? [new AuditEvent(action, entityType, entityId, null, detail)]
                : [.. distinct.Select(c => new AuditEvent(action, entityType, entityId, c, detail))],
            ct);
    }

    public Task RecordAsync(string action, string entityType, string entityId, string? clientId, CancellationToken ct, string? detail = null) =>
        RecordAsync([new AuditEvent(action, entityType, entityId, clientId, detail)], ct);

    /// <summary>
    /// Appends the entries at the head of the chain. They are written in their own transaction, or in the
    /// request's when one is open (so a change and its entries commit or roll back together).
    /// </summary>
    public async Task RecordAsync(IReadOnlyCollection<AuditEvent> events, CancellationToken ct, AuditActor? actor = null)
    {
        if (events.Count == 0)
        {
            return;
        }

        var context = http.HttpContext;
        var user = context?.User;
        actor ??= new AuditActor(
            user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            user?.FindFirstValue(StaffClaimsFactory.DisplayName) ?? user?.Identity?.Name ?? "");
        var ip = context?.Connection.RemoteIpAddress?.ToString() ?? "";
        var at = AuditChain.Truncate(clock.Now);
        var entries = events.Select(e => new AuditEntry
        {
            At = at,
            UserId = actor.UserId,
            UserName = Clip(actor.UserName, 200),
            Action = e.Action,
            EntityType = e.EntityType,
            EntityId = Clip(e.EntityId, 200),
            ClientId = e.ClientId,
            Ip = Clip(ip, 64),
            Outcome = e.Refused ? "refused" : "allowed",
            Detail = e.Detail is null ? null : Clip(e.Detail, 500),
        }).ToList();

        using var scope = scopes.CreateScope();
        var writer = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        var shared = db.Database.CurrentTransaction;
        if (shared is not null)
        {
            writer.Database.SetDbConnection(db.Database.GetDbConnection());
            await writer.Database.UseTransactionAsync(shared.GetDbTransaction(), ct);
            await AppendAsync(writer, entries, ct);
            return;
        }

        await using var transaction = await writer.Database.BeginTransactionAsync(ct);
        await AppendAsync(writer, entries, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Reads the head and appends after it, holding the chain's lock until the transaction ends: on PostgreSQL
    /// an advisory transaction lock that every instance takes; SQLite's transactions (BEGIN IMMEDIATE) already
    /// let one writer in at a time. Two writers therefore never build on the same head.
    /// </summary>
    private static async Task AppendAsync(CaseloadDbContext writer, List<AuditEntry> entries, CancellationToken ct)
    {
        if (writer.Database.IsNpgsql())
        {
            await writer.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7140503112)", ct);
        }

        var head = await writer.AuditEntries.AsNoTracking().OrderByDescending(e => e.Seq)
            .Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(ct);
        var seq = head?.Seq ?? 0;
        var previous = head?.Hash ?? "";
        foreach (var entry in entries)
        {
            entry.Seq = ++seq;
            entry.Hash = AuditChain.HashOf(entry, previous);
            previous = entry.Hash;
        }

        writer.AuditEntries.AddRange(entries);
        await writer.SaveChangesAsync(ct);
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length];
}
