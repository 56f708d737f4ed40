using System.Security.Claims;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Auth;

/// <summary>Who is asking: the signed-in staff user, their roles and, for a clinician, their clinician record.</summary>
public sealed class CurrentStaff(IHttpContextAccessor accessor, CaseloadDbContext db)
{
    private string? _clinicianId;
    private bool _clinicianLoaded;

    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public bool IsIn(string role) => User.IsInRole(role);

    public bool IsAdministrator => IsIn(Roles.Administrator);

    public string DisplayName => User.FindFirstValue(StaffClaimsFactory.DisplayName) ?? User.Identity?.Name ?? "";

    /// <summary>Administrators and Schedulers work across every clinician's caseload.</summary>
    public bool SeesWholePractice => IsIn(Roles.Administrator) || IsIn(Roles.Scheduler);

    public async Task<string?> ClinicianIdAsync(CancellationToken ct = default)
    {
        if (!_clinicianLoaded)
        {
            _clinicianId = await db.Clinicians.Where(c => c.UserId == UserId).Select(c => c.Id).FirstOrDefaultAsync(ct);
            _clinicianLoaded = true;
        }

        return _clinicianId;
    }
}
