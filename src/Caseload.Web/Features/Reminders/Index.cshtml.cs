using Caseload.Domain;
using Caseload.Domain.Reminders;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Reminders;

/// <summary>The practice's reminder log, filtered by status, channel and due date, a page at a time; upcoming reminders soonest first unless asked otherwise.</summary>
[Authorize(Policy = Policies.SchedulesForOthers)]
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

    /// <summary>upcoming (default), latest or oldest.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Order { get; set; }

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public const int PageSize = 50;

    public ReminderPage Results { get; private set; } = new([], 0, 1, PageSize);

    public IReadOnlyList<ReminderEntry> Rows => Results.Items;

    public ReminderOrder SortedBy => Enum.TryParse<ReminderOrder>(Order, ignoreCase: true, out var order) ? order : ReminderOrder.Upcoming;

    /// <summary>This page's filters and order with another page number, for the paging links.</summary>
    public string Link(int page) => "/Reminders" + QueryString.Create(new Dictionary<string, string?>
    {
        ["status"] = Status, ["channel"] = Channel, ["from"] = From, ["to"] = To,
        ["order"] = SortedBy.ToString().ToLowerInvariant(), ["pageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    public string? Problem { get; private set; }

    /// <summary>Failed reminders that may or may not have been delivered, in the whole log: the banner's count.</summary>
    public int Uncertain { get; private set; }

    /// <summary>The status filter asks for the uncertain ones: failed after the hand-over began.</summary>
    public bool UncertainOnly => string.Equals(Status, "uncertain", StringComparison.OrdinalIgnoreCase);

    public string NameOf(string clientId) => _names.GetValueOrDefault(clientId, "");

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (from, badFrom) = string.IsNullOrWhiteSpace(From) ? (null, null) : SupportedDates.Parse(From, "from");
        var (to, badTo) = string.IsNullOrWhiteSpace(To) ? (null, null) : SupportedDates.Parse(To, "to");
        if ((badFrom ?? badTo) is { } bad)
        {
            Problem = bad.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var query = new ReminderQuery(Enum.TryParse<ReminderStatus>(Status, ignoreCase: true, out var status) ? status : null,
            Enum.TryParse<Channel>(Channel, ignoreCase: true, out var channel) ? channel : null, from, to, SortedBy, PageNumber, PageSize,
            UncertainOnly);
        Uncertain = await log.UncertainCountAsync(ct);
        Results = await log.SearchAsync(query, ct);
        var ids = Rows.Select(r => r.ClientId).Distinct().ToList();
        _names = await db.Clients.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.FirstName + " " + c.LastName, ct);
    }
}
