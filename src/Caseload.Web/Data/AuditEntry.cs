using NodaTime;

namespace Caseload.Web.Data;

/// <summary>One read or change of client data: who, what, when.</summary>
public sealed class AuditEntry
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    public Instant At { get; set; }

    public string UserId { get; set; } = "";

    public string UserName { get; set; } = "";

    /// <summary>What was done, e.g. <c>read-note</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>The record it was done to, e.g. <c>note:{id}</c> or <c>note:{id}/client:{id}</c>.</summary>
    public string Subject { get; set; } = "";
}
