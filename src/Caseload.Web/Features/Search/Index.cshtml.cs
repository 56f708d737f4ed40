using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Search;

/// <summary>The results of the top bar's search box.</summary>
public sealed class IndexModel(FindAnything find) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public SearchResults? Results { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Q))
        {
            return;
        }

        var outcome = await find.HandleAsync(new SearchCommand(Q), ct);
        if (outcome.Succeeded)
        {
            Results = outcome.Value;
            return;
        }

        Problem = outcome.First?.Message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
