using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace Caseload.Web.Data;

/// <summary>A staff sign-in account. The user name is the email, as the Identity API's login expects.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// When an administrator switched the account off; null while it may sign in. The account and
    /// everything it recorded stay (a clinician's clients and appointments keep their clinician).
    /// </summary>
    public Instant? DeactivatedAt { get; set; }

    public bool Active => DeactivatedAt is null;
}
