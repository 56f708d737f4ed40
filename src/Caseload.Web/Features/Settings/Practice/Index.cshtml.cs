using System.Globalization;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Settings.Practice;

public sealed class IndexModel(CaseloadDbContext db, ChangePracticeSettings change, ExportPractice export) : PageModel
{
    private static readonly LocalTimePattern TimeOfDay = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

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
            DayStartsAt = TimeOfDay.Format(p.DayStartsAt),
            DayEndsAt = TimeOfDay.Format(p.DayEndsAt),
            RequireTwoFactor = p.RequireTwoFactor,
            IdleMinutes = p.IdleMinutes,
            Rooms = string.Join("\n", p.Rooms),
            DateFormat = p.DateStyle.Name,
            CalendarFeedNames = Domain.Practices.CalendarFeedNaming.NameOf(p.CalendarFeedNames),
            BillingProvider = BillingProviderForm.From(p.BillingIdentity),
            Clearinghouse = ClearinghouseForm.From(p.Clearinghouse),
            Portal = PortalForm.From(p.Portal),
        };
    }

    /// <summary>Everything the practice holds, as a zip of one CSV file per table with a README of the columns.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) => File(await export.HandleAsync(ct), "application/zip", export.FileName());

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var leads = ParseLeadTimes(Input.ReminderLeadTimesHours);
        var format = Domain.Practices.DateStyle.Parse(Input.DateFormat);
        if (!format.Succeeded)
        {
            ModelState.AddTo(format);
        }

        var names = Domain.Practices.CalendarFeedNaming.Parse(Input.CalendarFeedNames);
        if (!names.Succeeded)
        {
            ModelState.AddTo(names);
        }

        var startRead = TryReadTime(Input.DayStartsAt, out var start);
        var endRead = TryReadTime(Input.DayEndsAt, out var end);
        if (leads is null || !startRead || !endRead || !ModelState.IsValid)
        {
            if (leads is null)
            {
                ModelState.AddModelError("Input.ReminderLeadTimesHours", "Give whole hours separated by commas, such as 48, 2.");
            }
            else if (!startRead || !endRead)
            {
                ModelState.AddModelError(!startRead ? "Input.DayStartsAt" : "Input.DayEndsAt", "Give a time of day.");
            }

            return Page();
        }

        var outcome = await change.HandleAsync(new ChangePracticeSettingsCommand(Input.Name ?? "", Input.TimeZone ?? "", Input.Currency ?? "",
            Input.Phone, Input.MissedSessionFee ?? -1, leads, start, end,
            Input.RequireTwoFactor, Input.IdleMinutes ?? -1,
            [.. (Input.Rooms ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)], format.Value, names.Value,
            Input.BillingProvider.ToIdentity(), Input.Clearinghouse.ToClearinghouse(), Input.Portal.ToChange()), ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddTo(outcome);
            return Page();
        }

        return RedirectToPage(new { saved = true });
    }

    /// <summary>A blank time keeps the practice's current one (null); text that is not a time of day does not read.</summary>
    private static bool TryReadTime(string? text, out LocalTime? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parsed = TimeOfDay.Parse(text);
        time = parsed.Success ? parsed.Value : null;
        return parsed.Success;
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

    public bool RequireTwoFactor { get; set; }

    public int? IdleMinutes { get; set; }

    /// <summary>One room a line.</summary>
    public string? Rooms { get; set; }

    /// <summary><c>us</c>, <c>international</c> or <c>iso</c>.</summary>
    public string? DateFormat { get; set; } = "us";

    /// <summary><c>none</c>, <c>initials</c> or <c>names</c>.</summary>
    public string? CalendarFeedNames { get; set; } = "none";

    /// <summary>Named as the API names it (<c>billingProvider.address.zip</c>), so a refusal lands beside its field.</summary>
    public BillingProviderForm BillingProvider { get; set; } = new();

    public ClearinghouseForm Clearinghouse { get; set; } = new();

    public PortalForm Portal { get; set; } = new();
}

/// <summary>The client portal: named as the API names it (<c>portal.lateCancelHours</c>), so a refusal lands beside its field.</summary>
public sealed class PortalForm
{
    public bool Enabled { get; set; }

    public int? LateCancelHours { get; set; }

    public int? OfferCutoffHours { get; set; }

    public static PortalForm From(Domain.Practices.PortalPolicy policy) => new()
    {
        Enabled = policy.Enabled,
        LateCancelHours = policy.LateCancelHours,
        OfferCutoffHours = policy.OfferCutoffHours,
    };

    /// <summary>A blank number keeps the practice's current one, as a blank working-day boundary does.</summary>
    public PortalChange ToChange() => new(Enabled, LateCancelHours, OfferCutoffHours);
}

/// <summary>The practice as payers know it: the billing provider on every claim.</summary>
public sealed class BillingProviderForm
{
    public string? Name { get; set; }

    public string? Npi { get; set; }

    public string? TaxId { get; set; }

    public string? Taxonomy { get; set; }

    public AddressForm Address { get; set; } = new();

    public static BillingProviderForm From(Domain.Insurance.BillingIdentity identity) => new()
    {
        Name = identity.Name,
        Npi = identity.Npi,
        TaxId = identity.TaxId,
        Taxonomy = identity.Taxonomy,
        Address = new AddressForm { Line1 = identity.Line1, City = identity.City, State = identity.State, Zip = identity.Zip },
    };

    public Domain.Insurance.BillingIdentity ToIdentity() => new(Name, Npi, TaxId, Taxonomy, Address.Line1, Address.City, Address.State, Address.Zip);
}

public sealed class AddressForm
{
    public string? Line1 { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? Zip { get; set; }
}

/// <summary>Where claim files go: the clearinghouse and the ids it gave the practice.</summary>
public sealed class ClearinghouseForm
{
    public string? Name { get; set; }

    public string? ReceiverId { get; set; }

    public string? SubmitterId { get; set; }

    public bool Production { get; set; }

    public static ClearinghouseForm From(Domain.Insurance.Clearinghouse clearinghouse) => new()
    {
        Name = clearinghouse.Name,
        ReceiverId = clearinghouse.ReceiverId,
        SubmitterId = clearinghouse.SubmitterId,
        Production = clearinghouse.Production,
    };

    public Domain.Insurance.Clearinghouse ToClearinghouse() => new(Name, ReceiverId, SubmitterId, Production);
}
