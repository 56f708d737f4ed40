using Microsoft.AspNetCore.Identity;

namespace Caseload.Web.Data;

/// <summary>A staff sign-in account. The user name is the email, as the Identity API's login expects.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
