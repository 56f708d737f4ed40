using Caseload.Domain.Practices;
using Caseload.Web.Api;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Settings.Practice;

public sealed record PracticeDto(
    string Name,
    string TimeZone,
    string Currency,
    string? Phone,
    decimal MissedSessionFee,
    IReadOnlyList<int> ReminderLeadTimesHours,
    string? DayStartsAt = null,
    string? DayEndsAt = null);

internal static class PracticeSettingsEndpoints
{
    public static void MapPracticeSettings(this RouteGroupBuilder api)
    {
        api.MapGet("/practice", async (CaseloadDbContext db, CancellationToken ct) =>
                ToDto(await db.PracticeAsync(ct)))
            .WithTags("Practice");

        api.MapPut("/practice", async (PracticeDto input, CaseloadDbContext db, PracticeZoneChange save, CancellationToken ct) =>
            {
                var practice = await db.Practices.SingleAsync(ct);
                var start = ParseTime(input.DayStartsAt, practice.DayStartsAt);
                var end = ParseTime(input.DayEndsAt, practice.DayEndsAt);
                if (start is null || end is null)
                {
                    return Problems.Invalid(start is null ? "dayStartsAt" : "dayEndsAt", "Give a time of day as HH:mm.");
                }

                var outcome = practice.Update(new PracticeSettings(input.Name, input.TimeZone, input.Currency, input.Phone,
                    input.MissedSessionFee, input.ReminderLeadTimesHours, start.Value, end.Value));
                if (!outcome.Succeeded)
                {
                    return Problems.For(outcome);
                }

                await save.SaveAsync(practice, ct);
                return Results.Ok(ToDto(practice));
            })
            .RequireAuthorization(Policies.Administers)
            .WithTags("Practice");
    }

    public static PracticeDto ToDto(Domain.Practices.Practice p) => new(p.Name, p.TimeZoneId, p.Currency, p.Phone,
        p.MissedSessionFee, p.ReminderLeadTimesHours, Format(p.DayStartsAt), Format(p.DayEndsAt));

    public static string Format(LocalTime time) => LocalTimePattern.CreateWithInvariantCulture("HH:mm").Format(time);

    public static LocalTime? ParseTime(string? text, LocalTime fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        var parsed = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text);
        return parsed.Success ? parsed.Value : null;
    }
}
