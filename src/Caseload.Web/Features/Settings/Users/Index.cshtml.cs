using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Settings.Users;

public sealed class IndexModel(StaffList staffList, CreateStaffUser createStaff) : PageModel
{
    [BindProperty]
    public StaffForm Input { get; set; } = new();

    public string? CreatedEmail { get; private set; }

    public IReadOnlyList<StaffSummary> Staff { get; private set; } = [];

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

    private async Task LoadAsync(CancellationToken ct) => Staff = await staffList.ListAsync(ct);
}

public sealed class StaffForm
{
    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? Credentials { get; set; }

    public List<string> Roles { get; set; } = [];
}
