using Caseload.Domain.Practices;
using NodaTime;

namespace Caseload.Domain.Tests.Practices;

public class PracticeTests
{
    private static PracticeSettings Valid(string timeZone = "America/New_York") =>
        new("Riverbend", timeZone, "usd", null, 50.005m, [2, 48], new LocalTime(8, 0), new LocalTime(18, 0));

    [Fact]
    public void Update_WithValidSettings_StoresThemNormalised()
    {
        var practice = Practice.CreateDefault("New", "UTC");

        var outcome = practice.Update(Valid());

        Assert.True(outcome.Succeeded);
        Assert.Equal("USD", practice.Currency);
        Assert.Equal(50.01m, practice.MissedSessionFee);
        Assert.Equal([48, 2], practice.ReminderLeadTimesHours);
    }

    [Theory]
    [InlineData("Not/A_Zone")]
    [InlineData("EST5EDT-ish")]
    [InlineData("")]
    public void Update_WithAnUnknownTimeZone_IsRefusedOnTimeZone(string zone)
    {
        var practice = Practice.CreateDefault("New", "UTC");

        var outcome = practice.Update(Valid(zone));

        Assert.Equal("timeZone", Assert.Single(outcome.Refusals).Field);
        Assert.Equal("UTC", practice.TimeZoneId);
    }

    [Fact]
    public void Update_WithRepeatedOrOutOfRangeLeadTimes_IsRefused()
    {
        var practice = Practice.CreateDefault("New", "UTC");

        var repeated = practice.Update(Valid() with { ReminderLeadTimesHours = [2, 2] });
        var tooLong = practice.Update(Valid() with { ReminderLeadTimesHours = [24 * 15] });

        Assert.Equal("reminderLeadTimesHours", Assert.Single(repeated.Refusals).Field);
        Assert.Equal("reminderLeadTimesHours", Assert.Single(tooLong.Refusals).Field);
    }

    [Fact]
    public void Update_WithADayThatEndsBeforeItStarts_IsRefused()
    {
        var practice = Practice.CreateDefault("New", "UTC");

        var outcome = practice.Update(Valid() with { DayStartsAt = new LocalTime(18, 0), DayEndsAt = new LocalTime(8, 0) });

        Assert.Equal("dayEndsAt", Assert.Single(outcome.Refusals).Field);
    }

    [Fact]
    public void Today_IsTheCalendarDayInThePracticeZone_NotInUtc()
    {
        var practice = Practice.CreateDefault("New", "America/New_York");
        var lateEveningInNewYork = Instant.FromUtc(2026, 12, 2, 3, 30); // 22:30 on 1 December in New York

        Assert.Equal(new LocalDate(2026, 12, 1), practice.Today(lateEveningInNewYork));
    }
}
