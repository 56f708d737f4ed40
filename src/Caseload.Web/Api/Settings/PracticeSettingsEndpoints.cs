using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Settings.Practice;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Api.Settings;

public sealed record AddressDto(string? Line1, string? City, string? State, string? Zip);

/// <summary>The practice as payers know it, named on every claim.</summary>
public sealed record BillingProviderDto(string? Name, string? Npi, string? TaxId, string? Taxonomy, AddressDto? Address)
{
    public static BillingProviderDto From(Domain.Insurance.BillingIdentity b) =>
        new(b.Name, b.Npi, b.TaxId, b.Taxonomy, new AddressDto(b.Line1, b.City, b.State, b.Zip));

    public Domain.Insurance.BillingIdentity ToIdentity() =>
        new(Name, Npi, TaxId, Taxonomy, Address?.Line1, Address?.City, Address?.State, Address?.Zip);
}

/// <summary>Where claim files go: the clearinghouse's name and receiver id, the practice's submitter id there, live or test files.</summary>
public sealed record ClearinghouseDto(string? Name, string? ReceiverId, string? SubmitterId, bool? Production)
{
    public static ClearinghouseDto From(Domain.Insurance.Clearinghouse c) => new(c.Name, c.ReceiverId, c.SubmitterId, c.Production);

    public Domain.Insurance.Clearinghouse ToClearinghouse() => new(Name, ReceiverId, SubmitterId, Production ?? false);
}

/// <summary>The client portal: on or off, the late-cancel window and when waitlist offers end before a session; a member left out keeps its value.</summary>
public sealed record PortalDto(bool? Enabled, int? LateCancelHours, int? OfferCutoffHours)
{
    public static PortalDto From(Domain.Practices.PortalPolicy p) => new(p.Enabled, p.LateCancelHours, p.OfferCutoffHours);

    public PortalChange ToChange() => new(Enabled, LateCancelHours, OfferCutoffHours);
}

public sealed record PracticeDto(
    string Name,
    string TimeZone,
    string Currency,
    string? Phone,
    decimal MissedSessionFee,
    IReadOnlyList<int> ReminderLeadTimesHours,
    string? DayStartsAt = null,
    string? DayEndsAt = null,
    bool? RequireTwoFactor = null,
    int? IdleMinutes = null,
    IReadOnlyList<string>? Rooms = null,
    string? DateFormat = null,
    string? CalendarFeedNames = null,
    BillingProviderDto? BillingProvider = null,
    ClearinghouseDto? Clearinghouse = null,
    PortalDto? Portal = null)
{
    private static readonly LocalTimePattern TimeOfDay = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static PracticeDto From(Domain.Practices.Practice p) => new(p.Name, p.TimeZoneId, p.Currency, p.Phone,
        p.MissedSessionFee, p.ReminderLeadTimesHours, TimeOfDay.Format(p.DayStartsAt), TimeOfDay.Format(p.DayEndsAt),
        p.RequireTwoFactor, p.IdleMinutes, p.Rooms, p.DateStyle.Name,
        Domain.Practices.CalendarFeedNaming.NameOf(p.CalendarFeedNames),
        BillingProviderDto.From(p.BillingIdentity), ClearinghouseDto.From(p.Clearinghouse), PortalDto.From(p.Portal));

    /// <summary>
    /// The command, or the refusal of the first day boundary that is not a time of day (a blank one keeps the current time)
    /// or of a date format or calendar-feed naming not offered (one left out keeps the current choice).
    /// </summary>
    public (ChangePracticeSettingsCommand? Command, Domain.Refusal? Refusal) ToCommand()
    {
        var (start, startRead) = ReadTime(DayStartsAt);
        var (end, endRead) = ReadTime(DayEndsAt);
        if (!startRead || !endRead)
        {
            return (null, Domain.Refusal.Invalid(!startRead ? "dayStartsAt" : "dayEndsAt", "Give a time of day as HH:mm."));
        }

        Domain.Practices.DateFormat? format = null;
        if (DateFormat is not null)
        {
            var read = Domain.Practices.DateStyle.Parse(DateFormat);
            if (!read.Succeeded)
            {
                return (null, read.First);
            }

            format = read.Value;
        }

        Domain.Practices.CalendarFeedNames? names = null;
        if (CalendarFeedNames is not null)
        {
            var read = Domain.Practices.CalendarFeedNaming.Parse(CalendarFeedNames);
            if (!read.Succeeded)
            {
                return (null, read.First);
            }

            names = read.Value;
        }

        return (new ChangePracticeSettingsCommand(Name, TimeZone, Currency, Phone, MissedSessionFee, ReminderLeadTimesHours, start, end,
            RequireTwoFactor, IdleMinutes, Rooms, format, names, BillingProvider?.ToIdentity(), Clearinghouse?.ToClearinghouse(), Portal?.ToChange()), null);
    }

    private static (LocalTime? Time, bool Read) ReadTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, true);
        }

        var parsed = TimeOfDay.Parse(text);
        return parsed.Success ? (parsed.Value, true) : (null, false);
    }
}

internal static class PracticeSettingsEndpoints
{
    public static void MapPracticeSettings(this RouteGroupBuilder api)
    {
        api.MapGet("/practice", async (CaseloadDbContext db, CancellationToken ct) =>
                PracticeDto.From(await db.PracticeAsync(ct)))
            .WithTags("Practice");

        api.MapPut("/practice", async (PracticeDto input, ChangePracticeSettings change, CancellationToken ct) =>
            {
                var (command, unreadable) = input.ToCommand();
                return command is null
                    ? Problems.Validation([unreadable!])
                    : Problems.Ok(await change.HandleAsync(command, ct), PracticeDto.From);
            })
            .RequireAuthorization(Policies.Administers)
            .WithTags("Practice");

        api.MapGet("/practice/export", async (ExportPractice export, CancellationToken ct) =>
                Results.File(await export.HandleAsync(ct), "application/zip", export.FileName()))
            .RequireAuthorization(Policies.Administers)
            .WithTags("Practice");
    }
}
