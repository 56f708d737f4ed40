using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using NodaTime;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>
/// Rule 4: weekly, every N weeks and monthly-by-weekday series, ending after N sessions or on a date,
/// at a wall-clock time that stays fixed across daylight-saving changes.
/// </summary>
public class RecurrenceTests
{
    private static SessionBuilder GroupSession()
    {
        var alice = People.ClientOf(A.Morgan, "Alice");
        return ASession.OfGroup(A.Group().With(alice).Build(), alice);
    }

    private static LocalDate[] Dates(IEnumerable<Appointment> appointments) => [.. appointments.Select(a => a.Date)];

    private static Refusal SingleRefusalOn(string field, IReadOnlyList<Refusal> refusals)
    {
        var refusal = Assert.Single(refusals);
        Assert.Equal("validation-failed", refusal.Code);
        Assert.Equal(field, refusal.Field);
        return refusal;
    }

    [Fact]
    public void Recurrence_Weekly_KeepsWallClockTimeAcrossSpringForward_Rule4()
    {
        // New York springs forward on Sunday 14 March 2027: EST (-05) becomes EDT (-04).
        var series = GroupSession().At(new LocalDateTime(2027, 3, 9, 10, 0)).Weekly(count: 2).Save();

        Assert.Equal([new LocalDate(2027, 3, 9), new LocalDate(2027, 3, 16)], Dates(series));
        Assert.All(series, a => Assert.Equal(new LocalTime(10, 0), a.Start.TimeOfDay));
        Assert.Equal(Instant.FromUtc(2027, 3, 9, 15, 0), series[0].StartsAt);
        Assert.Equal(Instant.FromUtc(2027, 3, 16, 14, 0), series[1].StartsAt);
        Assert.Equal(Duration.FromDays(7) - Duration.FromHours(1), series[1].StartsAt - series[0].StartsAt);
    }

    [Fact]
    public void Recurrence_Weekly_KeepsWallClockTimeAcrossFallBack_Rule4()
    {
        // New York falls back on Sunday 7 November 2027: EDT (-04) becomes EST (-05).
        var series = GroupSession().At(new LocalDateTime(2027, 11, 2, 10, 0)).Weekly(count: 2).Save();

        Assert.Equal([new LocalDate(2027, 11, 2), new LocalDate(2027, 11, 9)], Dates(series));
        Assert.All(series, a => Assert.Equal(new LocalTime(10, 0), a.Start.TimeOfDay));
        Assert.Equal(Instant.FromUtc(2027, 11, 2, 14, 0), series[0].StartsAt);
        Assert.Equal(Instant.FromUtc(2027, 11, 9, 15, 0), series[1].StartsAt);
        Assert.Equal(Duration.FromDays(7) + Duration.FromHours(1), series[1].StartsAt - series[0].StartsAt);
    }

    [Fact]
    public void Recurrence_Weekly_KeepsTheEndAtTheSameWallClockTimeAfterTheChange_Rule4()
    {
        var series = GroupSession().At(new LocalDateTime(2027, 3, 9, 10, 0)).Lasting(90).Weekly(count: 2).Save();

        Assert.All(series, a => Assert.Equal(a.StartsAt + Duration.FromMinutes(90), a.EndsAt));
        Assert.Equal(new LocalTime(11, 30), series[1].EndsAt.InZone(ASession.NewYork).TimeOfDay);
    }

    [Fact]
    public void Recurrence_Weekly_InTheSouthernHemisphere_KeepsWallClockTimeWhenDaylightSavingEndsInApril_Rule4()
    {
        // Sydney leaves daylight saving on the first Sunday of April (4 April 2027): AEDT (+11) becomes AEST (+10).
        var series = GroupSession().InZone(ASession.Sydney).At(new LocalDateTime(2027, 3, 30, 18, 0)).Weekly(count: 2).Save();

        Assert.Equal([new LocalDate(2027, 3, 30), new LocalDate(2027, 4, 6)], Dates(series));
        Assert.All(series, a => Assert.Equal(new LocalTime(18, 0), a.Start.TimeOfDay));
        Assert.Equal(Instant.FromUtc(2027, 3, 30, 7, 0), series[0].StartsAt);
        Assert.Equal(Instant.FromUtc(2027, 4, 6, 8, 0), series[1].StartsAt);
    }

    [Fact]
    public void Recurrence_Weekly_InTheSouthernHemisphere_KeepsWallClockTimeWhenDaylightSavingStartsInOctober_Rule4()
    {
        // Sydney enters daylight saving on the first Sunday of October (3 October 2027): AEST (+10) becomes AEDT (+11).
        var series = GroupSession().InZone(ASession.Sydney).At(new LocalDateTime(2027, 9, 28, 18, 0)).Weekly(count: 2).Save();

        Assert.Equal([new LocalDate(2027, 9, 28), new LocalDate(2027, 10, 5)], Dates(series));
        Assert.All(series, a => Assert.Equal(new LocalTime(18, 0), a.Start.TimeOfDay));
        Assert.Equal(Instant.FromUtc(2027, 9, 28, 8, 0), series[0].StartsAt);
        Assert.Equal(Instant.FromUtc(2027, 10, 5, 7, 0), series[1].StartsAt);
    }

    [Fact]
    public void Recurrence_EveryTwoWeeks_SkipsTheWeekBetween_Rule4()
    {
        var series = GroupSession().At(ASession.NextTuesdayAt10).Weekly(count: 4, interval: 2).Save();

        Assert.Equal(
            [new LocalDate(2026, 12, 8), new LocalDate(2026, 12, 22), new LocalDate(2027, 1, 5), new LocalDate(2027, 1, 19)],
            Dates(series));
    }

    [Fact]
    public void Recurrence_MonthlyByWeekday_FallsOnTheSecondTuesdayOfEveryMonth_Rule4()
    {
        // 12 January 2027 is the second Tuesday of January.
        var series = GroupSession().At(new LocalDateTime(2027, 1, 12, 10, 0)).Monthly(count: 4).Save();

        Assert.Equal(
            [new LocalDate(2027, 1, 12), new LocalDate(2027, 2, 9), new LocalDate(2027, 3, 9), new LocalDate(2027, 4, 13)],
            Dates(series));
        Assert.All(series, a => Assert.Equal(IsoDayOfWeek.Tuesday, a.Date.DayOfWeek));
        Assert.All(series, a => Assert.Equal(new LocalTime(10, 0), a.Start.TimeOfDay));
    }

    [Fact]
    public void Recurrence_MonthlyByWeekday_EveryTwoMonths_SkipsTheMonthBetween_Rule4()
    {
        var series = GroupSession().At(new LocalDateTime(2027, 1, 12, 10, 0)).Monthly(count: 3, interval: 2).Save();

        Assert.Equal([new LocalDate(2027, 1, 12), new LocalDate(2027, 3, 9), new LocalDate(2027, 5, 11)], Dates(series));
    }

    [Fact]
    public void Recurrence_MonthlyByWeekday_StartedOnAFifthWeekday_FallsOnTheLastSuchWeekday_Rule4()
    {
        // 30 March 2027 is the fifth Tuesday of March; April and May 2027 have only four Tuesdays.
        var series = GroupSession().At(new LocalDateTime(2027, 3, 30, 10, 0)).Monthly(count: 4).Save();

        Assert.Equal(
            [new LocalDate(2027, 3, 30), new LocalDate(2027, 4, 27), new LocalDate(2027, 5, 25), new LocalDate(2027, 6, 29)],
            Dates(series));
    }

    [Fact]
    public void Recurrence_EndingAfterNSessions_BooksExactlyN_Rule4()
    {
        var series = GroupSession().Weekly(count: 6).Save();

        Assert.Equal(6, series.Count);
        Assert.Equal(new LocalDate(2027, 1, 12), series[^1].Date);
    }

    [Fact]
    public void Recurrence_EndingOnADate_IncludesThatDate_Rule4()
    {
        var series = GroupSession().Weekly(until: new LocalDate(2026, 12, 22)).Save();

        Assert.Equal([new LocalDate(2026, 12, 8), new LocalDate(2026, 12, 15), new LocalDate(2026, 12, 22)], Dates(series));
    }

    [Fact]
    public void Recurrence_EndingTheDayBeforeAnOccurrence_StopsBeforeIt_Rule4()
    {
        var series = GroupSession().Weekly(until: new LocalDate(2026, 12, 21)).Save();

        Assert.Equal([new LocalDate(2026, 12, 8), new LocalDate(2026, 12, 15)], Dates(series));
    }

    [Fact]
    public void Recurrence_OfMoreSessionsThanFitInTwoYears_IsRefusedOnCount_Rule4()
    {
        // 200 weekly sessions would run almost four years; nothing is booked rather than a series cut short.
        var refusals = GroupSession().Weekly(count: 200).Refusals();

        SingleRefusalOn("recurrence.count", refusals);
    }

    [Fact]
    public void Recurrence_OfAsManySessionsAsFitInTwoYears_IsAccepted_Rule4()
    {
        var series = GroupSession().Weekly(count: 105).Save();

        Assert.Equal(new LocalDate(2028, 12, 5), series[^1].Date);
        Assert.Equal(105, series.Count);
    }

    [Fact]
    public void Recurrence_EndingOnTheTwoYearAnniversary_IsAccepted_Rule4()
    {
        var series = GroupSession().At(new LocalDateTime(2026, 12, 8, 10, 0)).Weekly(until: new LocalDate(2028, 12, 8)).Save();

        Assert.Equal(new LocalDate(2028, 12, 5), series[^1].Date);
    }

    [Fact]
    public void Recurrence_EndingMoreThanTwoYearsAfterTheFirstSession_IsRefusedOnUntil_Rule4()
    {
        var refusals = GroupSession().Weekly(until: new LocalDate(2028, 12, 9)).Refusals();

        SingleRefusalOn("recurrence.until", refusals);
    }

    [Fact]
    public void Recurrence_EndingBeforeTheFirstSession_IsRefusedOnUntil_Rule4()
    {
        var refusals = GroupSession().Weekly(until: new LocalDate(2026, 12, 7)).Refusals();

        SingleRefusalOn("recurrence.until", refusals);
    }

    [Fact]
    public void Recurrence_WithoutAnEnd_IsRefusedOnRecurrence_Rule4()
    {
        var refusals = GroupSession().Weekly().Refusals();

        SingleRefusalOn("recurrence", refusals);
    }

    [Fact]
    public void Recurrence_WithBothACountAndAnEndDate_IsRefusedOnRecurrence_Rule4()
    {
        var refusals = GroupSession().Weekly(count: 4, until: new LocalDate(2027, 1, 5)).Refusals();

        SingleRefusalOn("recurrence", refusals);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(13)]
    public void Recurrence_WithAnIntervalOutsideOneToTwelve_IsRefusedOnInterval_Rule4(int interval)
    {
        var refusals = GroupSession().Weekly(count: 4, interval: interval).Refusals();

        SingleRefusalOn("recurrence.interval", refusals);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void Recurrence_WithACountOutsideOneTo200_IsRefusedOnCount_Rule4(int count)
    {
        var refusals = GroupSession().Weekly(count: count).Refusals();

        SingleRefusalOn("recurrence.count", refusals);
    }

    [Fact]
    public void Recurrence_OccurrencesAreSeparateAppointmentsOfOneSeries_Rule4()
    {
        var (booked, _) = GroupSession().Weekly(count: 3).Book();

        Assert.NotNull(booked!.Series);
        Assert.All(booked.Appointments, a => Assert.Equal(booked.Series.Id, a.SeriesId));
        Assert.Equal(3, booked.Appointments.Select(a => a.Id).Distinct().Count());
        Assert.Equal(new LocalDate(2026, 12, 8), booked.Series.FirstDate);
    }

    [Fact]
    public void Booking_WithoutRecurrence_HasNoSeries()
    {
        var (booked, _) = GroupSession().Book();

        Assert.Null(booked!.Series);
        Assert.Null(Assert.Single(booked.Appointments).SeriesId);
    }

    [Fact]
    public void Booking_AtAWallClockTimeInTheSpringForwardGap_MovesForwardByTheGap_Rule4()
    {
        // 02:30 on 14 March 2027 does not exist in New York (02:00 jumps to 03:00): the documented choice is 03:30 EDT.
        var appointment = GroupSession().At(new LocalDateTime(2027, 3, 14, 2, 30)).SaveOne();

        Assert.Equal(new LocalDateTime(2027, 3, 14, 3, 30), appointment.Start);
        Assert.Equal(new LocalDate(2027, 3, 14), appointment.Date);
        Assert.Equal(Instant.FromUtc(2027, 3, 14, 7, 30), appointment.StartsAt);
    }

    [Fact]
    public void Recurrence_Weekly_WhoseOccurrenceFallsInTheGap_MovesThatOneOnlyAndKeepsTheOthersAtTheirTime_Rule4()
    {
        var series = GroupSession().At(new LocalDateTime(2027, 3, 7, 2, 30)).Weekly(count: 3).Save();

        Assert.Equal(
            [new LocalDateTime(2027, 3, 7, 2, 30), new LocalDateTime(2027, 3, 14, 3, 30), new LocalDateTime(2027, 3, 21, 2, 30)],
            series.Select(a => a.Start).ToArray());
    }

    [Fact]
    public void Booking_AtAWallClockTimeThatHappensTwiceAtFallBack_TakesTheEarlierOne_Rule4()
    {
        // 01:30 on 7 November 2027 happens first in EDT (05:30 UTC) and again in EST (06:30 UTC).
        var appointment = GroupSession().At(new LocalDateTime(2027, 11, 7, 1, 30)).SaveOne();

        Assert.Equal(new LocalDateTime(2027, 11, 7, 1, 30), appointment.Start);
        Assert.Equal(Instant.FromUtc(2027, 11, 7, 5, 30), appointment.StartsAt);
    }
}
