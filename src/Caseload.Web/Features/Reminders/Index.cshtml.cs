using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace Caseload.Web.Features.Reminders;

/// <summary>The practice's reminder log, filtered by status, channel and due date.</summary>
[Authorize(Roles = $"{Roles.Administrator},{Roles.Scheduler}")]
public sealed class IndexModel(ReminderLog log, CaseloadDbContext db) : PageModel
{
    private Dictionary<string, string> _names = [];

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public IReadOnlyList<ReminderDto> Rows { get; private set; } = [];

    public string NameOf(string clientId) => _names.GetValueOrDefault(clientId, "");

    public async Task OnGetAsync(CancellationToken ct)
    {
        var from = LocalDatePattern.Iso.Parse(From ?? "");
        var to = LocalDatePattern.Iso.Parse(To ?? "");
        Rows = await log.SearchAsync(new ReminderQuery(Status, Channel, from.Success ? from.Value : null, to.Success ? to.Value : null), ct);
        var ids = Rows.Select(r => r.ClientId).Distinct().ToList();
        _names = await db.Clients.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.FirstName + " " + c.LastName, ct);
    }
}
