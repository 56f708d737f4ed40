using Caseload.Domain;
using Caseload.Web.Data;
using Caseload.Web.Features;
using Caseload.Web.Features.Billing.Insurance;
using Caseload.Web.Features.CalendarFeeds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.Users;

public sealed class EditModel(StaffList staffList, ChangeStaffUser change, DeactivateStaffUser deactivate, ReactivateStaffUser reactivate, ResetStaffPassword reset,
    RevokeCalendarFeed revokeFeed, ChangeClinicianBillingIdentity changeBillingIdentity, CaseloadDbContext db)
    : PageModel
{
    [BindProperty]
    public StaffChangeForm Input { get; set; } = new();

    [BindProperty]
    public string? NewPassword { get; set; }

    /// <summary>The NPI and taxonomy a clinician's claims name them by, as rendering provider.</summary>
    [BindProperty]
    public ClinicianBillingForm Billing { get; set; } = new();

    public StaffSummary? Staff { get; private set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? done, CancellationToken ct)
    {
        Staff = await staffList.FindAsync(id, ct);
        if (Staff is null)
        {
            return NotFound();
        }

        Done = done;
        Input = new StaffChangeForm { DisplayName = Staff.DisplayName, Roles = [.. Staff.Roles] };
        await LoadBillingIdentityAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostBillingIdentityAsync(string id, CancellationToken ct)
    {
        Staff = await staffList.FindAsync(id, ct);
        if (Staff?.ClinicianId is not { } clinicianId)
        {
            return NotFound();
        }

        var outcome = await changeBillingIdentity.HandleAsync(clinicianId, Billing.Npi, Billing.Taxonomy, ct);
        if (outcome.Succeeded)
        {
            return RedirectToPage(new { id, done = "Billing identity saved: claims name this clinician by it." });
        }

        if (this.Ending(outcome) is { } end)
        {
            return end;
        }

        ModelState.AddTo(outcome, prefix: nameof(Billing));
        Input = new StaffChangeForm { DisplayName = Staff.DisplayName, Roles = [.. Staff.Roles] };
        return Page();
    }

    private async Task LoadBillingIdentityAsync(CancellationToken ct)
    {
        if (Staff?.ClinicianId is { } clinicianId)
        {
            Billing = await db.Clinicians.AsNoTracking().Where(c => c.Id == clinicianId)
                .Select(c => new ClinicianBillingForm { Npi = c.Npi, Taxonomy = c.Taxonomy }).FirstAsync(ct);
        }
    }

    public Task<IActionResult> OnPostAsync(string id, CancellationToken ct) =>
        AfterAsync(id, change.HandleAsync(new StaffUserChange(id, Input.DisplayName ?? "", Input.Roles), ct), "Saved.", ct);

    public Task<IActionResult> OnPostDeactivateAsync(string id, CancellationToken ct) =>
        AfterAsync(id, deactivate.HandleAsync(id, ct), "Switched off: this user's sessions have ended.", ct);

    public Task<IActionResult> OnPostReactivateAsync(string id, CancellationToken ct) =>
        AfterAsync(id, reactivate.HandleAsync(id, ct), "Switched on: this user can sign in again.", ct);

    public Task<IActionResult> OnPostPasswordAsync(string id, CancellationToken ct) =>
        AfterAsync(id, reset.HandleAsync(new StaffPasswordReset(id, NewPassword ?? ""), ct), "New password set: tell the user in person or by phone.", ct);

    public Task<IActionResult> OnPostRevokeFeedAsync(string id, CancellationToken ct) =>
        AfterAsync(id, revokeFeed.OfUserAsync(id, ct), "Calendar feed turned off: its address no longer works.", ct);

    private async Task<IActionResult> AfterAsync(string id, Task<Outcome> action, string done, CancellationToken ct)
    {
        var outcome = await action;
        if (outcome.Succeeded)
        {
            return RedirectToPage(new { id, done });
        }

        ModelState.AddTo(outcome, prefix: "", rename: field => field == "password" ? nameof(NewPassword) : "Input." + char.ToUpperInvariant(field[0]) + field[1..]);
        Staff = await staffList.FindAsync(id, ct);
        await LoadBillingIdentityAsync(ct);
        return Staff is null ? NotFound() : Page();
    }
}

public sealed class ClinicianBillingForm
{
    public string? Npi { get; set; }

    public string? Taxonomy { get; set; }
}

public sealed class StaffChangeForm
{
    public string? DisplayName { get; set; }

    public List<string> Roles { get; set; } = [];
}
