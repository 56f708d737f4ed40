using Caseload.Domain.Practices;
using NodaTime;

namespace Caseload.Domain.Tests.Practices;

/// <summary>One date and time format everywhere, chosen by the practice from a small fixed set; us by default.</summary>
public class DateStyleTests
{
    private static readonly LocalDateTime MondayAfternoon = new(2026, 12, 7, 14, 0);

    [Theory]
    [InlineData(DateFormat.Us, "12/07/2026 2:00 PM", "Mon 12/07/2026 2:00 PM")]
    [InlineData(DateFormat.International, "07/12/2026 14:00", "Mon 07/12/2026 14:00")]
    [InlineData(DateFormat.Iso, "2026-12-07 14:00", "Mon 2026-12-07 14:00")]
    public void DateTime_And_DayTime_WriteTheChosenFormat(DateFormat format, string dateTime, string dayTime)
    {
        var style = DateStyle.Of(format);

        Assert.Equal((dateTime, dayTime), (style.DateTime(MondayAfternoon), style.DayTime(MondayAfternoon)));
    }

    [Theory]
    [InlineData(DateFormat.Us, "Monday 7 December 2026, 2:00 PM")]
    [InlineData(DateFormat.Iso, "Monday 7 December 2026, 14:00")]
    public void LongDateTime_WritesTheMonthInWords_AndTheTimeInTheChosenFormat(DateFormat format, string expected)
    {
        Assert.Equal(expected, DateStyle.Of(format).LongDateTime(MondayAfternoon));
    }

    [Theory]
    [InlineData("us", DateFormat.Us)]
    [InlineData("International", DateFormat.International)]
    [InlineData(" ISO ", DateFormat.Iso)]
    public void Parse_TakesEachOfferedNameInAnyCase(string text, DateFormat expected)
    {
        Assert.Equal(expected, DateStyle.Parse(text).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("european")]
    [InlineData(null)]
    public void Parse_OfAnythingElse_IsRefusedNamingDateFormat(string? text)
    {
        Assert.Equal("dateFormat", DateStyle.Parse(text).First?.Field);
    }

    [Fact]
    public void ANewPractice_WritesDatesTheUsWay()
    {
        Assert.Equal(DateFormat.Us, Practice.CreateDefault("Harbour Counselling", "America/New_York").DateStyle.Format);
    }
}
