using NodaTime;

namespace Caseload.Web.Data;

/// <summary>
/// One read or change of client data, a sign-in or a refusal: who, what, when, from where. Entries are
/// only ever appended; each carries a hash over its content and the previous entry's hash, so an entry
/// changed or removed in the database breaks the chain (<see cref="Auth.AuditChain"/>).
/// </summary>
public sealed class AuditEntry
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    /// <summary>The entry's place in the chain: 1, 2, 3… with no gaps; the keyset of the newest-first listing.</summary>
    public long Seq { get; set; }

    public Instant At { get; set; }

    public string UserId { get; set; } = "";

    public string UserName { get; set; } = "";

    /// <summary>One of <see cref="Auth.AuditActions"/>: <c>read</c>, <c>change</c>, <c>export</c>, <c>sign-in</c>…</summary>
    public string Action { get; set; } = "";

    /// <summary>One of <see cref="Auth.AuditEntities"/>: <c>client</c>, <c>note</c>, <c>invoice</c>…</summary>
    public string EntityType { get; set; } = "";

    public string EntityId { get; set; } = "";

    /// <summary>The client whose data was read or changed; none for lists, sign-ins and the practice's own records.</summary>
    public string? ClientId { get; set; }

    public string Ip { get; set; } = "";

    /// <summary><c>allowed</c> or <c>refused</c>.</summary>
    public string Outcome { get; set; } = "allowed";

    /// <summary>What a list read asked for, what a change touched, why a sign-in failed; never clinical content.</summary>
    public string? Detail { get; set; }

    /// <summary>SHA-256 (hex) over this entry's content and the previous entry's hash.</summary>
    public string Hash { get; set; } = "";
}
