using Caseload.Domain.Practices;
using Caseload.Domain.Reminders;
using Caseload.Domain.Tests.Infrastructure;
using Caseload.Domain.Tests.Scheduling;
using NodaTime;

namespace Caseload.Domain.Tests.Reminders;

/// <summary>Rule 10: the message carries date, time, location and practice name — and no clinical detail.</summary>
public class ReminderMessageTests
{
    private static readonly ReminderFacts Facts = new("Harbour Counselling", "+1 555 010 9000", ASession.NextTuesdayAt10, "Room 4");

    [Fact]
    public void DefaultTemplates_AreValid()
    {
        Assert.Empty(ReminderTemplates.Default.Validate());
    }

    [Fact]
    public void Fill_OfTheDefaultTemplates_CarriesPracticeNameDateTimeAndLocation_Rule10()
    {
        foreach (var template in new[] { ReminderTemplates.Default.EmailBody, ReminderTemplates.Default.TextBody })
        {
            var text = ReminderTemplates.Fill(template, Facts);

            Assert.Contains("Harbour Counselling", text, StringComparison.Ordinal);
            Assert.Contains("Tuesday 12/08/2026", text, StringComparison.Ordinal);
            Assert.Contains("10:00 AM", text, StringComparison.Ordinal);
            Assert.Contains("Room 4", text, StringComparison.Ordinal);
            Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Fill_OfTheEmailSubject_CarriesTheDate_Rule10()
    {
        Assert.Equal("Reminder: your appointment on Tuesday 12/08/2026", ReminderTemplates.Fill(ReminderTemplates.Default.EmailSubject, Facts));
    }

    [Fact]
    public void Fill_ReplacesEveryPlaceholder()
    {
        var text = ReminderTemplates.Fill("{practice}|{date}|{time}|{location}|{phone}", Facts with { Start = new LocalDateTime(2026, 12, 9, 14, 30) });

        Assert.Equal("Harbour Counselling|Wednesday 12/09/2026|2:30 PM|Room 4|+1 555 010 9000", text);
    }

    [Fact]
    public void Fill_OfTheDefaultEmail_WithoutAPracticePhone_LeavesOutTheCallUsSentence()
    {
        var text = ReminderTemplates.Fill(ReminderTemplates.Default.EmailBody, Facts with { PracticePhone = "" });

        Assert.Equal("Hello,\n\nThis is a reminder of your appointment with Harbour Counselling on Tuesday 12/08/2026 at 10:00 AM.\n" +
            "Location: Room 4\n\nHarbour Counselling", text);
    }

    [Fact]
    public void Fill_OfTheDefaultText_WithoutAPracticePhone_EndsAfterTheLocation()
    {
        var text = ReminderTemplates.Fill(ReminderTemplates.Default.TextBody, Facts with { PracticePhone = " " });

        Assert.Equal("Harbour Counselling: reminder of your appointment on Tuesday 12/08/2026 at 10:00 AM, Room 4.", text);
    }

    [Fact]
    public void Fill_WithoutALocation_SaysAsArranged()
    {
        Assert.Equal("at as arranged", ReminderTemplates.Fill("at {location}", Facts with { Location = null }));
    }

    /// <remarks>
    /// The message is composed from <see cref="ReminderFacts"/> alone, taken from a group session of
    /// "Tuesday anxiety group" billed as 90853: neither reaches the client's inbox or phone.
    /// </remarks>
    [Fact]
    public void Fill_ForAGroupSession_NeverIncludesTheGroupNameOrTheServiceCode_Rule10()
    {
        var alice = Opted.ToBoth("Alice");
        var group = A.Group().With(alice).Build();
        var session = ASession.OfGroup(group, alice).In("Room 4").SaveOne();
        Assert.Equal("90853", session.ServiceCode);
        var facts = new ReminderFacts("Harbour Counselling", "+1 555 010 9000", session.Start, session.Location);

        foreach (var template in new[] { ReminderTemplates.Default.EmailSubject, ReminderTemplates.Default.EmailBody, ReminderTemplates.Default.TextBody })
        {
            var text = ReminderTemplates.Fill(template, facts);

            Assert.DoesNotContain(group.Name, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("anxiety", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("90853", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Facts_OfAReminder_HaveNoPlaceForClinicalDetail_Rule10()
    {
        Assert.Equal(
            ["Dates", "Location", "PracticeName", "PracticePhone", "Start"],
            typeof(ReminderFacts).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("{group}")]
    [InlineData("{serviceCode}")]
    [InlineData("{clinician}")]
    [InlineData("{diagnosis}")]
    [InlineData("{Practice}")]
    public void Templates_WithAnUnknownPlaceholder_AreRefusedNamingTheFieldAndThePlaceholder_Rule10(string unknown)
    {
        var templates = ReminderTemplates.Default with { TextBody = $"See you at {{time}} for {unknown}." };

        var refusal = Assert.Single(templates.Validate());

        Assert.Equal("textBody", refusal.Field);
        Assert.Equal("validation-failed", refusal.Code);
        Assert.Contains(unknown, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_WithUnknownPlaceholdersInEveryPart_NameEachField_Rule10()
    {
        var templates = new ReminderTemplates("Your {group} session", "Hello, {group} meets at {time}.", "{service} at {time}");

        Assert.Equal(["emailSubject", "emailBody", "textBody"], templates.Validate().Select(r => r.Field ?? "").ToArray());
    }

    [Fact]
    public void Templates_WithAnUnclosedBrace_AreRefused()
    {
        var templates = ReminderTemplates.Default with { EmailBody = "See you on {date at {time}" };

        Assert.Equal("emailBody", Assert.Single(templates.Validate()).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Templates_WithAnEmptyPart_AreRefusedNamingIt(string empty)
    {
        var templates = ReminderTemplates.Default with { EmailSubject = empty };

        Assert.Equal("emailSubject", Assert.Single(templates.Validate()).Field);
    }

    [Fact]
    public void Templates_WithATextLongerThan480Characters_AreRefused()
    {
        var templates = ReminderTemplates.Default with { TextBody = new string('x', 481) };

        Assert.Equal("textBody", Assert.Single(templates.Validate()).Field);
    }

    [Fact]
    public void Templates_UsingEveryKnownPlaceholder_AreValid()
    {
        var all = string.Join(" ", ReminderTemplates.Placeholders);

        Assert.Empty(new ReminderTemplates(all, all, all).Validate());
    }

    [Theory]
    [InlineData(DateFormat.Us, "Wednesday 12/09/2026|2:30 PM")]
    [InlineData(DateFormat.International, "Wednesday 09/12/2026|14:30")]
    [InlineData(DateFormat.Iso, "Wednesday 2026-12-09|14:30")]
    public void Fill_WritesTheDateAndTimeInThePracticesFormat_OneFormatEverywhere(DateFormat format, string expected)
    {
        var facts = Facts with { Start = new LocalDateTime(2026, 12, 9, 14, 30), Dates = DateStyle.Of(format) };

        Assert.Equal(expected, ReminderTemplates.Fill("{date}|{time}", facts));
    }
}
