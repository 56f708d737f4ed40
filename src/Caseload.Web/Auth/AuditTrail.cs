using System.Security.Claims;
using Caseload.Web.Data;
using NodaTime;

namespace Caseload.Web.Auth;

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

/// <summary>Records reads of clinical content, so a practice can answer "who looked at this note".</summary>
public sealed class AuditTrail(CaseloadDbContext db, IHttpContextAccessor http, Clock clock)
{
    public async Task RecordAsync(string action, string subject, CancellationToken ct)
    {
        var user = http.HttpContext?.User;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.Now,
            UserId = user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            UserName = user?.FindFirstValue(StaffClaimsFactory.DisplayName) ?? user?.Identity?.Name ?? "",
            Action = action,
            Subject = subject,
        });
        await db.SaveChangesAsync(ct);
    }
}
