using Caseload.Domain;
using Caseload.Domain.Clients;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Clients;

/// <summary>
/// What staff entered about a client, in the domain's terms, with the fields that could not even be
/// read (a garbled date, an unknown billing mode). The domain judges the rest, so one answer lists every bad field.
/// </summary>
public sealed record ClientEntry(ClientDetails Details, IReadOnlyList<Refusal> Unreadable)
{
    /// <summary>The date of birth as typed (YYYY-MM-DD), or null when blank; a date that does not read is added to <paramref name="unreadable"/>.</summary>
    public static LocalDate? ReadDateOfBirth(string? text, List<Refusal> unreadable)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (!parsed.Success)
        {
            unreadable.Add(Refusal.Invalid("dateOfBirth", "Give the date of birth as YYYY-MM-DD."));
            return null;
        }

        if (SupportedDates.Check(parsed.Value, "dateOfBirth") is { } outside)
        {
            unreadable.Add(outside);
            return null;
        }

        return parsed.Value;
    }

    /// <summary>The unreadable fields first, then the domain's refusals of fields not already named.</summary>
    public Outcome Merge(Outcome outcome) => Outcome.From(
        [.. Unreadable, .. (outcome.Refusals ?? []).Where(r => Unreadable.All(u => u.Field != r.Field))]);
}
