using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.Users;

public sealed class IndexModel(CaseloadDbContext db, CreateStaffUser createStaff) : PageModel
{
    [BindProperty]
    public StaffForm Input { get; set; } = new();

    public string? CreatedEmail { get; private set; }

    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];

    public async Task OnGetAsync(string? created, CancellationToken ct)
    {
        CreatedEmail = created;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await createStaff.HandleAsync(
            new NewStaffUser(Input.Email ?? "", Input.Password ?? "", Input.DisplayName ?? "", Input.Roles, Input.Credentials), ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddTo(outcome);
            await LoadAsync(ct);
            return Page();
        }

        return RedirectToPage(new { created = Input.Email?.Trim() });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Email, Color = db.Clinicians.Where(c => c.UserId == u.Id).Select(c => c.Color).FirstOrDefault() })
            .ToListAsync(ct);
        Staff = [.. users.Select(u => new StaffRow(u.DisplayName, u.Email ?? "", u.Color,
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "")]))];
    }
}

public sealed record StaffRow(string DisplayName, string Email, string? Color, IReadOnlyList<string> Roles);

public sealed class StaffForm
{
    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? Credentials { get; set; }

    public List<string> Roles { get; set; } = [];
}
