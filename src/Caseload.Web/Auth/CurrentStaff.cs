using System.Security.Claims;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Auth;

/// <summary>Who is asking: the signed-in staff user, what the policies let them do and, for a clinician, their clinician record.</summary>
public sealed class CurrentStaff(IHttpContextAccessor accessor, CaseloadDbContext db, IAuthorizationService authorization)
{
    private string? _clinicianId;
    private bool _clinicianLoaded;

    public ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public string DisplayName => User.FindFirstValue(StaffClaimsFactory.DisplayName) ?? User.Identity?.Name ?? "";

    /// <summary>The name written into histories and notes: the display name, or the product's own for background work.</summary>
    public string Author => User.FindFirstValue(StaffClaimsFactory.DisplayName) ?? "Caseload";

    /// <summary>Does the asker satisfy this policy's roles? Policies with a resource go through <see cref="MayAsync"/>.</summary>
    public bool Satisfies(string policy) => Policies.Allows(policy, User);

    /// <summary>The policy decided by the authorization service, with the record it is about where the policy looks at one.</summary>
    public async Task<bool> MayAsync(string policy, object? resource = null) =>
        (await authorization.AuthorizeAsync(User, resource, policy)).Succeeded;

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
