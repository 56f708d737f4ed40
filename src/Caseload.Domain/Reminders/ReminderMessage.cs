using NodaTime;
using Caseload.Domain.Practices;

namespace Caseload.Domain.Reminders;

/// <summary>The facts a reminder may carry. Nothing clinical: no group name, no service code, no clinician's specialty.</summary>
/// <param name="Dates">The practice's date format for <c>{date}</c> and <c>{time}</c> (us when not given).</param>
public sealed record ReminderFacts(string PracticeName, string PracticePhone, LocalDateTime Start, string? Location, DateStyle? Dates = null);

/// <summary>A practice's reminder wording, with placeholders filled from <see cref="ReminderFacts"/> only.</summary>
public sealed record ReminderTemplates(string EmailSubject, string EmailBody, string TextBody)
{
    public const int MaxLength = 2000;

    public static readonly IReadOnlyList<string> Placeholders = ["{practice}", "{date}", "{time}", "{location}", "{phone}"];

    public static readonly ReminderTemplates Default = new(
        "Reminder: your appointment on {date}",
        "Hello,\n\nThis is a reminder of your appointment with {practice} on {date} at {time}.\nLocation: {location}\n\nIf you need to change it, please call us at {phone}.\n\n{practice}",
        "{practice}: reminder of your appointment on {date} at {time}, {location}. To change it call {phone}.");

    public IReadOnlyList<Refusal> Validate()
    {
        var refusals = new List<Refusal>();
        Check("emailSubject", EmailSubject, 200);
        Check("emailBody", EmailBody, MaxLength);
        Check("textBody", TextBody, 480);
        return refusals;

        void Check(string field, string text, int max)
        {
            if (string.IsNullOrWhiteSpace(text) || text.Length > max)
            {
                refusals.Add(Refusal.Invalid(field, $"Write the text, at most {max} characters."));
            }
            else if (UnknownPlaceholder(text) is { } unknown)
            {
                refusals.Add(Refusal.Invalid(field, $"{unknown} is not a placeholder; use {string.Join(", ", Placeholders)}."));
            }
        }
    }

    public static string Fill(string template, ReminderFacts facts) => template
        .Replace("{practice}", facts.PracticeName, StringComparison.Ordinal)
        .Replace("{date}", (facts.Dates ?? DateStyle.Us).WeekdayDate(facts.Start.Date), StringComparison.Ordinal)
        .Replace("{time}", (facts.Dates ?? DateStyle.Us).Time(facts.Start.TimeOfDay), StringComparison.Ordinal)
        .Replace("{location}", facts.Location ?? "as arranged", StringComparison.Ordinal)
        .Replace("{phone}", facts.PracticePhone, StringComparison.Ordinal);

    private static string? UnknownPlaceholder(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = text.IndexOf('}', start);
            if (end < 0)
            {
                return text[start..];
            }

            var token = text[start..(end + 1)];
            if (!Placeholders.Contains(token))
            {
                return token;
            }

            start = text.IndexOf('{', end);
        }

        return null;
    }
}
