using System.Security.Claims;
using Caseload.Web.Data;

namespace Caseload.Web.Auth;

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
