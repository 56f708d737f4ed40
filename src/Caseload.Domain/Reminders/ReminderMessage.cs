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

    /// <summary>
    /// The template with its placeholders filled. A practice without a phone number loses each sentence that gives
    /// <c>{phone}</c> rather than telling the client to "call us at .".
    /// </summary>
    public static string Fill(string template, ReminderFacts facts) =>
        (string.IsNullOrWhiteSpace(facts.PracticePhone) ? WithoutPhoneSentences(template) : template)
        .Replace("{practice}", facts.PracticeName, StringComparison.Ordinal)
        .Replace("{date}", (facts.Dates ?? DateStyle.Us).WeekdayDate(facts.Start.Date), StringComparison.Ordinal)
        .Replace("{time}", (facts.Dates ?? DateStyle.Us).Time(facts.Start.TimeOfDay), StringComparison.Ordinal)
        .Replace("{location}", facts.Location ?? "as arranged", StringComparison.Ordinal)
        .Replace("{phone}", facts.PracticePhone, StringComparison.Ordinal);

    /// <summary>Each sentence (up to its stop, or its line) that holds <c>{phone}</c>, taken out with the space before it.</summary>
    private static string WithoutPhoneSentences(string template)
    {
        const string phone = "{phone}";
        var text = template;
        for (var at = text.IndexOf(phone, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phone, StringComparison.Ordinal))
        {
            var start = text.LastIndexOfAny(SentenceEnds, at) + 1;
            var stop = text.IndexOfAny(SentenceEnds, at + phone.Length);
            var end = stop < 0 ? text.Length : text[stop] == '\n' ? stop : stop + 1;
            while (start > 0 && text[start - 1] == ' ')
            {
                start--;
            }

            text = text.Remove(start, end - start);
        }

        while (text.Contains("\n\n\n", StringComparison.Ordinal))
        {
            text = text.Replace("\n\n\n", "\n\n", StringComparison.Ordinal);
        }

        return text;
    }

    private static readonly char[] SentenceEnds = ['.', '!', '?', '\n'];

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
