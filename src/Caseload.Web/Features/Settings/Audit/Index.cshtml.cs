using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.Audit;

/// <summary>The audit trail for administrators: who read or changed what, filtered by client, person, dates and action, with a CSV export.</summary>
public sealed class IndexModel(AuditLog log, CaseloadDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ClientId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public string? Next { get; private set; }

    public string? ClientName { get; private set; }

    public IReadOnlyList<AuditActor> Users { get; private set; } = [];

    public Dictionary<string, string> ClientNames { get; private set; } = [];

    private AuditQuery Query => new(ClientId, UserId, null, Action, From, To, Cursor);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var page = await log.PageAsync(Query, ct);
        if (!page.Succeeded)
        {
            ModelState.AddTo(page.AsOutcome, prefix: "");
        }
        else
        {
            (Entries, Next) = (page.Value.Items, page.Value.Next);
        }

        Users = await log.UsersAsync(ct);
        var ids = Entries.Select(e => e.ClientId).Append(ClientId).OfType<string>().Distinct().ToList();
        ClientNames = await db.Clients.AsNoTracking().Where(c => ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.FirstName + " " + c.LastName, ct);
        ClientName = ClientId is null ? null : ClientNames.GetValueOrDefault(ClientId);
        return Page();
    }

    /// <summary>The chain check's answer, when the administrator asked for it.</summary>
    public AuditVerification? Verification { get; private set; }

    public async Task<IActionResult> OnGetVerifyAsync(CancellationToken ct)
    {
        Verification = await log.VerifyAsync(ct);
        return await OnGetAsync(ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var csv = await log.CsvAsync(Query, ct);
        if (!csv.Succeeded)
        {
            return BadRequest();
        }

        return File(System.Text.Encoding.UTF8.GetBytes(csv.Value), "text/csv", "audit.csv");
    }

    /// <summary>The query of this page with one value changed, for links.</summary>
    public string Link(string? cursor = null, string handler = "") =>
        $"/Settings/Audit{(handler.Length > 0 ? "?handler=" + handler + "&" : "?")}" + string.Join("&", new[]
        {
            ("clientId", ClientId), ("userId", UserId), ("action", Action), ("from", From), ("to", To), ("cursor", cursor),
        }.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
}
