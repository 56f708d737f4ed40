using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Portal;

/// <summary>The portal's home page: a welcome and the sections of <see cref="PortalNavigation.HomeSections"/>.</summary>
public sealed class PortalHomeModel(ReadPortalProfile read) : PageModel
{
    public PortalProfile Profile { get; private set; } = new("", "", "", "");

    public async Task OnGetAsync(CancellationToken ct) => Profile = await read.HandleAsync(ct);
}
