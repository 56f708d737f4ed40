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
public sealed record AuditActor(string UserId, string UserName)
{
    /// <summary>A client in the portal: the id reads <c>client:…</c>, never a staff user's, and the name says "(client)".</summary>
    public static AuditActor Client(string clientId, string fullName) => new(PortalClaims.ActorId(clientId), PortalClaims.ActorName(fullName));

    public bool IsClient => UserId.StartsWith("client:", StringComparison.Ordinal);
}

/// <summary>
/// The practice's record of who read or changed which client's data, signed in or out, or was refused.
/// The actor is the signed-in staff user or, in the client portal, the client (<see cref="AuditActor.Client"/>).
/// Every feature writes through here; entries are appended to one hash chain (<see cref="AuditChain"/>),
/// one writer at a time (<see cref="AuditWriter"/>), and nothing in the product changes or deletes them.
/// </summary>
public sealed class AuditTrail(CaseloadDbContext db, AuditWriter writer, IServiceScopeFactory scopes, IHttpContextAccessor http, Clock clock)
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
    /// Appends the entries at the head of the chain. They are written in the request's transaction when one is
    /// open (so a change and its entries commit or roll back together), otherwise committed by
    /// <see cref="AuditWriter"/> before this returns.
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

        var shared = db.Database.CurrentTransaction;
        if (shared is null)
        {
            await writer.CommitAsync(entries, ct);
            return;
        }

        using var scope = scopes.CreateScope();
        var inRequest = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        inRequest.Database.SetDbConnection(db.Database.GetDbConnection());
        await inRequest.Database.UseTransactionAsync(shared.GetDbTransaction(), ct);
        await AuditWriter.AppendAsync(inRequest, entries, ct);
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length];
}
