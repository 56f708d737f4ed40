using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Caseload.Web.Features.Settings.SystemStatus;

/// <summary>Settings → System: the workers, the queues, the last errors and the versions, for administrators.</summary>
public sealed class IndexModel(ReadSystemStatus read) : PageModel
{
    public SystemStatusView Status { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Status = await read.HandleAsync(ct);

    /// <summary>The practice's date and time of an instant, or a dash for never.</summary>
    public string When(Instant? at, PageDates dates) =>
        at is { } instant ? dates.DateTime(instant.InZone(Status.Zone).LocalDateTime) : "—";

    public static string Span(Duration length) => length switch
    {
        var d when d < Duration.FromMinutes(1) => $"{(int)d.TotalSeconds} s",
        var d when d < Duration.FromHours(1) => $"{(int)d.TotalMinutes} min",
        var d when d < Duration.FromDays(2) => $"{(int)d.TotalHours} h {d.Minutes} min",
        var d => $"{(int)d.TotalDays} days",
    };
}
