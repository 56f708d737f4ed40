using System.Globalization;
using System.Linq.Expressions;
using Caseload.Domain.Clients;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using NodaTime;
using Appointment = Caseload.Domain.Scheduling.Appointment;
using FhirDateTime = Hl7.Fhir.ElementModel.Types.DateTime;
using Instant = NodaTime.Instant;

namespace Caseload.Web.Fhir;

/// <summary>A date search value: its comparison prefix and the half-open range of instants it covers at its precision.</summary>
public sealed record DateCriterion(string Prefix, Instant? From, Instant? Until)
{
    private static readonly string[] Prefixes = ["eq", "ne", "gt", "lt", "ge", "le"];

    /// <summary>Reads <c>ge2026-12-01</c>, <c>2026-12-01T10:00:00-05:00</c>…; null when the prefix or the date cannot be read.</summary>
    public static DateCriterion? Parse(string text, DateTimeZone zone)
    {
        var prefix = text.Length > 2 && char.IsAsciiLetterLower(text[0]) && char.IsAsciiLetterLower(text[1]) ? text[..2] : "eq";
        var value = text.Length > 2 && char.IsAsciiLetterLower(text[0]) ? text[2..] : text;
        if (!Prefixes.Contains(prefix) || !FhirDateTime.TryParse(value, out var parsed))
        {
            return null;
        }

        // A value without an offset is the practice's wall-clock time: "2026-12-01" is that day in the practice.
        var range = parsed.GetRange(TimeZoneInfo.FindSystemTimeZoneById(zone.Id));
        return new DateCriterion(prefix,
            range.Start is { } start ? NodaTime.Instant.FromDateTimeOffset(start) : null,
            range.End is { } end ? NodaTime.Instant.FromDateTimeOffset(end) : null);
    }

    /// <summary>
    /// An appointment whose start (one instant) matches, by the rules of FHIR date search: <c>eq</c> the value's
    /// range holds it, <c>ge</c> it is in the range or after, <c>gt</c> after the range, and so on.
    /// </summary>
    public Expression<Func<Appointment, bool>> OnStart()
    {
        var from = From ?? NodaTime.Instant.MinValue;
        var until = Until ?? NodaTime.Instant.MaxValue;
        return Prefix switch
        {
            "ne" => a => a.StartsAt < from || a.StartsAt >= until,
            "gt" => a => a.StartsAt >= until,
            "lt" => a => a.StartsAt < from,
            "ge" => a => a.StartsAt >= from,
            "le" => a => a.StartsAt < until,
            _ => a => a.StartsAt >= from && a.StartsAt < until,
        };
    }

    /// <summary>
    /// A practice day (a birth date) matched as the range from its start to the next day's start, by the same rules as
    /// <see cref="OnPeriod"/>: <c>eq1985-04-12</c> is that day, <c>ge1985-04-12</c> that day or later.
    /// </summary>
    public Expression<Func<Client, bool>> OnBirthDate(DateTimeZone zone)
    {
        // The first day starting at or after From, the day holding From, and the same two for Until.
        var fromDay = From is { } f ? f.InZone(zone).Date : LocalDate.MinIsoValue;
        var fromCeil = From is { } f2 && fromDay.AtStartOfDayInZone(zone).ToInstant() < f2 ? fromDay.PlusDays(1) : fromDay;
        var untilDay = Until is { } u ? u.InZone(zone).Date : LocalDate.MaxIsoValue;
        var untilCeil = Until is { } u2 && untilDay.AtStartOfDayInZone(zone).ToInstant() < u2 ? untilDay.PlusDays(1) : untilDay;
        return Prefix switch
        {
            "ne" => c => c.DateOfBirth < fromCeil || c.DateOfBirth >= untilDay,
            "gt" => c => c.DateOfBirth >= untilDay,
            "lt" => c => c.DateOfBirth < fromCeil,
            "ge" => c => c.DateOfBirth >= fromDay,
            "le" => c => c.DateOfBirth < untilCeil,
            _ => c => c.DateOfBirth >= fromCeil && c.DateOfBirth < untilDay,
        };
    }

    /// <summary>A session whose period (start to end) matches: <c>eq</c> the value's range holds the whole period, <c>ge</c> the period reaches into the range or beyond, and so on.</summary>
    public Expression<Func<Appointment, bool>> OnPeriod()
    {
        var from = From ?? NodaTime.Instant.MinValue;
        var until = Until ?? NodaTime.Instant.MaxValue;
        return Prefix switch
        {
            "ne" => a => a.StartsAt < from || a.EndsAt > until,
            "gt" => a => a.EndsAt > until,
            "lt" => a => a.StartsAt < from,
            "ge" => a => a.EndsAt > from,
            "le" => a => a.StartsAt < until,
            _ => a => a.StartsAt >= from && a.EndsAt <= until,
        };
    }
}

/// <summary>
/// One search as asked: the parameters this server applied (and only those, for the Bundle's <c>self</c> link), the
/// page wanted, and whether the client asked for strict handling. Parameters are parsed by the SDK's
/// <see cref="SearchParams"/>; their names and types come from the R4 definitions (<see cref="FhirCapabilities"/>).
/// </summary>
public sealed class FhirSearch
{
    public const int DefaultCount = 50;
    public const int MaxCount = 200;

    /// <summary>Where the next page starts: the number of matches before it.</summary>
    public const string OffsetParameter = "_offset";

    private readonly List<(string Name, string Value)> _applied = [];

    private FhirSearch(string type, int count, int offset)
    {
        Type = type;
        Count = count;
        Offset = offset;
    }

    public string Type { get; }

    public int Count { get; }

    public int Offset { get; }

    /// <summary>The values given for a parameter this server applies, each comma list split into its alternatives.</summary>
    public IEnumerable<string[]> Values(string name) =>
        _applied.Where(p => p.Name == name).Select(p => p.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Reads the query; an unsupported parameter is ignored unless the client sent <c>Prefer: handling=strict</c>.</summary>
    public static (FhirSearch? Search, FhirResult? Refusal) Read(HttpRequest request, string type)
    {
        var strict = request.Headers["Prefer"].SelectMany(h => (h ?? "").Split(',', StringSplitOptions.TrimEntries))
            .Any(p => string.Equals(p.Replace(" ", "", StringComparison.Ordinal), "handling=strict", StringComparison.OrdinalIgnoreCase));
        var pairs = request.Query.SelectMany(q => q.Value.Select(v => Tuple.Create(q.Key, v ?? ""))).ToList();

        var offset = 0;
        if (pairs.FirstOrDefault(p => p.Item1 == OffsetParameter) is { } offsetText
            && (!int.TryParse(offsetText.Item2, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset > 1_000_000))
        {
            return (null, FhirOutcomes.Invalid(OffsetParameter, $"{OffsetParameter} is a whole number from 0, as in the Bundle's next link."));
        }

        if (pairs.FirstOrDefault(p => p.Item1 == "_count") is { } countText
            && !int.TryParse(countText.Item2, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return (null, FhirOutcomes.Invalid("_count", "_count is a whole number from 0."));
        }

        SearchParams parsed;
        try
        {
            parsed = SearchParams.FromUriParamList(pairs.Where(p => p.Item1 != OffsetParameter));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidCastException)
        {
            // A result parameter (_summary, _elements…) with a value the SDK cannot read.
            var named = pairs.FirstOrDefault(p => p.Item1.StartsWith('_') && p.Item1 != OffsetParameter)?.Item1 ?? "query";
            return (null, FhirOutcomes.Invalid(named, e.Message));
        }

        var search = new FhirSearch(type, Math.Min(parsed.Count ?? DefaultCount, MaxCount), offset);
        var supported = FhirCapabilities.SearchParametersOf(type);
        foreach (var (name, value) in parsed.Parameters.Select(p => (p.Item1, p.Item2)))
        {
            if (supported.Contains(name))
            {
                if (value.Length > 0)
                {
                    search._applied.Add((name, value));
                }
            }
            else if (strict)
            {
                return (null, FhirOutcomes.Unsupported(name, type));
            }
        }

        if (strict && (parsed.Sort.Count > 0 || parsed.Include.Count > 0 || parsed.Summary is not null || parsed.Elements.Count > 0
            || parsed.Query is not null || parsed.Text is not null || parsed.Content is not null || parsed.Filter is not null
            || parsed.Contained is not null || parsed.RevInclude.Count > 0))
        {
            return (null, FhirOutcomes.Unsupported(pairs.First(p => p.Item1.StartsWith('_') && p.Item1 is not "_count" and not OffsetParameter).Item1, type));
        }

        return (search, null);
    }

    /// <summary>
    /// A searchset Bundle of one page: <c>self</c> names the parameters applied, <c>next</c> the following page
    /// when there is one; <c>total</c> counts every match.
    /// </summary>
    public Bundle Page(HttpRequest request, IEnumerable<Resource> resources, int total)
    {
        var entries = resources.ToList();
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Searchset,
            Total = total,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = Link(request, Offset) }],
            Entry = [.. entries.Select(r => new Bundle.EntryComponent
            {
                FullUrl = $"{BaseUrl(request)}/{r.TypeName}/{r.Id}",
                Resource = r,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            })],
        };
        if (Count > 0 && Offset + entries.Count < total)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = Link(request, Offset + Count) });
        }

        return bundle;
    }

    /// <summary>What the audit trail says of this search: the query applied.</summary>
    public string Describe(int shown, int total) =>
        $"FHIR search {Type}?{Query(Offset)} shown={shown} of {total}";

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{FhirWire.Base}";

    private string Link(HttpRequest request, int offset) => $"{BaseUrl(request)}/{Type}?{Query(offset)}";

    private string Query(int offset)
    {
        var applied = new SearchParams();
        foreach (var (name, value) in _applied)
        {
            applied.Add(name, value);
        }

        applied.Count = Count;
        var pairs = applied.ToUriParamList().Select(p => (p.Item1, p.Item2)).ToList();
        if (offset > 0)
        {
            pairs.Add((OffsetParameter, offset.ToString(CultureInfo.InvariantCulture)));
        }

        return string.Join('&', pairs.Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}"));
    }
}
