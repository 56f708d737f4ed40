using System.Globalization;
using Caseload.Domain;
using Caseload.Domain.Practices;
using Caseload.Web.Api;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Settings.Practice;

public sealed class IndexModel(CaseloadDbContext db, PracticeZoneChange save) : PageModel
{
    [BindProperty]
    public PracticeForm Input { get; set; } = new();

    public bool Saved { get; private set; }

    public IEnumerable<string> TimeZones => DateTimeZoneProviders.Tzdb.Ids;

    public async Task OnGetAsync(bool saved, CancellationToken ct)
    {
        var p = await db.PracticeAsync(ct);
        Saved = saved;
        Input = new PracticeForm
        {
            Name = p.Name,
            TimeZone = p.TimeZoneId,
            Currency = p.Currency,
            Phone = p.Phone,
            MissedSessionFee = p.MissedSessionFee,
            ReminderLeadTimesHours = string.Join(", ", p.ReminderLeadTimesHours),
            DayStartsAt = PracticeSettingsEndpoints.Format(p.DayStartsAt),
            DayEndsAt = PracticeSettingsEndpoints.Format(p.DayEndsAt),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var practice = await db.Practices.SingleAsync(ct);
        var leads = ParseLeadTimes(Input.ReminderLeadTimesHours);
        var start = PracticeSettingsEndpoints.ParseTime(Input.DayStartsAt, practice.DayStartsAt);
        var end = PracticeSettingsEndpoints.ParseTime(Input.DayEndsAt, practice.DayEndsAt);
        var outcome = leads is null
            ? Refusal.Invalid("reminderLeadTimesHours", "Give whole hours separated by commas, such as 48, 2.")
            : start is null || end is null
                ? Refusal.Invalid(start is null ? "dayStartsAt" : "dayEndsAt", "Give a time of day.")
                : practice.Update(new PracticeSettings(Input.Name ?? "", Input.TimeZone ?? "", Input.Currency ?? "",
                    Input.Phone, Input.MissedSessionFee ?? -1, leads, start.Value, end.Value));
        if (!outcome.Succeeded || !ModelState.IsValid)
        {
            ModelState.AddTo(outcome);
            return Page();
        }

        await save.SaveAsync(practice, ct);
        return RedirectToPage(new { saved = true });
    }

    private static List<int>? ParseLeadTimes(string? text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var hours = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var h))
            {
                return null;
            }

            hours.Add(h);
        }

        return hours;
    }
}

public sealed class PracticeForm
{
    public string? Name { get; set; }

    public string? TimeZone { get; set; }

    public string? Currency { get; set; }

    public string? Phone { get; set; }

    public decimal? MissedSessionFee { get; set; }

    public string? ReminderLeadTimesHours { get; set; }

    public string? DayStartsAt { get; set; }

    public string? DayEndsAt { get; set; }
}
