using System.Security.Claims;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Auth;

/// <summary>
/// Who may do what, declared once. Endpoints, pages (<c>[Authorize(Policy = …)]</c>) and views
/// (<see cref="IAuthorizationService"/>) name these policies; no role list is written anywhere else.
/// Use cases that move money or reveal clinical content check their policy again themselves
/// (<see cref="CurrentStaff.MayAsync"/>), so a page that forgets its check is not a hole.
/// </summary>
public static class Policies
{
    /// <summary>Administrators: settings, staff accounts, the practice's configuration.</summary>
    public const string Administers = "administers";

    /// <summary>Works with clients' care: clients, groups, appointments, attendance.</summary>
    public const string Schedules = "schedules";

    /// <summary>Front desk and administrators book and change for any clinician, and see the reminder log.</summary>
    public const string SchedulesForOthers = "schedules-for-others";

    /// <summary>Sees every clinician's clients and appointments (not their notes).</summary>
    public const string SeesWholePractice = "sees-whole-practice";

    /// <summary>Records a client's payment.</summary>
    public const string TakesPayments = "takes-payments";

    /// <summary>Refunds, voids invoices and exports claims.</summary>
    public const string ManagesBilling = "manages-billing";

    /// <summary>
    /// Reads and writes note content: administrators every note, a clinician only the notes of their
    /// own appointments. With a resource (the appointment's clinician id, see <see cref="NoteOwner"/>)
    /// the ownership is checked too.
    /// </summary>
    public const string ReadsNoteContent = "reads-note-content";

    /// <summary>
    /// A client signed in to the portal by the portal's own scheme. No staff role satisfies it, and no staff
    /// policy is satisfied by a client (a client has no roles).
    /// </summary>
    public const string PortalClient = "portal-client";

    /// <summary>The roles that satisfy each policy: the one table of who may do what.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RolesFor = new Dictionary<string, string[]>
    {
        [Administers] = [Roles.Administrator],
        [Schedules] = [Roles.Administrator, Roles.Scheduler, Roles.Clinician],
        [SchedulesForOthers] = [Roles.Administrator, Roles.Scheduler],
        [SeesWholePractice] = [Roles.Administrator, Roles.Scheduler, Roles.Biller],
        [TakesPayments] = [Roles.Administrator, Roles.Biller, Roles.Scheduler],
        [ManagesBilling] = [Roles.Administrator, Roles.Biller],
        [ReadsNoteContent] = [Roles.Administrator, Roles.Clinician],
    };

    public static void AddCaseloadPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in RolesFor.Where(p => p.Key != ReadsNoteContent))
        {
            builder.AddPolicy(name, p => p.RequireRole(roles));
        }

        builder.AddPolicy(ReadsNoteContent, p => p.RequireRole(RolesFor[ReadsNoteContent]).AddRequirements(new NoteOwnerRequirement()));
        builder.AddPolicy(PortalClient, p => p.AddAuthenticationSchemes(PortalAuthentication.Scheme)
            .RequireAuthenticatedUser().RequireClaim(PortalClaims.ClientId));
    }

    /// <summary>The policy decided by the authorization service: what views and pages ask.</summary>
    public static async Task<bool> MayAsync(this IAuthorizationService authorization, ClaimsPrincipal user, string policy, object? resource = null) =>
        (await authorization.AuthorizeAsync(user, resource, policy)).Succeeded;

    /// <summary>Does this user satisfy the policy's roles? For code that has a user but no authorization service (views use the service).</summary>
    public static bool Allows(string policy, ClaimsPrincipal user) => RolesFor[policy].Any(user.IsInRole);
}

/// <summary>The clinician whose appointment a note belongs to: the resource of <see cref="Policies.ReadsNoteContent"/>.</summary>
public sealed record NoteOwner(string ClinicianId);

public sealed class NoteOwnerRequirement : IAuthorizationRequirement;

/// <summary>An administrator reads every note; a clinician only their own appointments' notes. Without a resource, the roles decide.</summary>
internal sealed class NoteOwnerHandler(CaseloadDbContext db) : AuthorizationHandler<NoteOwnerRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, NoteOwnerRequirement requirement)
    {
        if (context.Resource is not NoteOwner owner || context.User.IsInRole(Roles.Administrator))
        {
            context.Succeed(requirement);
            return;
        }

        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null && await db.Clinicians.AnyAsync(c => c.Id == owner.ClinicianId && c.UserId == userId))
        {
            context.Succeed(requirement);
        }
    }
}
