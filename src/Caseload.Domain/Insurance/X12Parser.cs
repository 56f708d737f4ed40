namespace Caseload.Domain.Insurance;

/// <summary>One X12 segment: its id (CLM, SV1…) and its elements, numbered from 1 as the implementation guides number them.</summary>
public sealed record X12Segment(string Id, IReadOnlyList<string> Elements, char ComponentSeparator)
{
    /// <summary>Element <paramref name="position"/> (CLM02 is 2), or empty when the segment stops before it.</summary>
    public string this[int position] => position >= 1 && position <= Elements.Count ? Elements[position - 1] : "";

    /// <summary>Component <paramref name="component"/> of an element (SV101-2 is (1, 2)), or empty when absent.</summary>
    public string Component(int position, int component)
    {
        var parts = this[position].Split(ComponentSeparator);
        return component >= 1 && component <= parts.Length ? parts[component - 1] : "";
    }
}

/// <summary>An ST…SE transaction set, its segments in order from ST to SE.</summary>
public sealed record X12TransactionSet(IReadOnlyList<X12Segment> Segments)
{
    /// <summary>837, 835…</summary>
    public string Code => Segments[0][1];

    /// <summary>The segments between ST and SE.</summary>
    public IEnumerable<X12Segment> Body => Segments.Skip(1).Take(Segments.Count - 2);
}

/// <summary>A GS…GE functional group.</summary>
public sealed record X12Group(X12Segment Header, IReadOnlyList<X12TransactionSet> TransactionSets, X12Segment Trailer);

/// <summary>An ISA…IEA interchange: one file as a payer or clearinghouse sends it.</summary>
public sealed record X12Interchange(X12Segment Header, IReadOnlyList<X12Group> Groups, X12Segment Trailer)
{
    public IEnumerable<X12TransactionSet> TransactionSets => Groups.SelectMany(g => g.TransactionSets);
}

/// <summary>
/// Reads any X12 interchange into its envelopes and segments, and refuses one whose envelope counts or
/// control numbers disagree: a file cut short or spliced is refused whole, never half-applied.
/// </summary>
/// <remarks>
/// The separators are those the ISA segment declares (its 4th character, its 16th element and the character after
/// it), since every sender chooses its own. Line breaks after a segment terminator are ignored.
/// </remarks>
public static class X12Parser
{
    /// <summary>The ISA segment is fixed-width: 106 characters with its terminator.</summary>
    private const int IsaLength = 106;

    public static Outcome<X12Interchange> Parse(string? text)
    {
        text = text?.TrimStart() ?? "";
        if (text.Length < IsaLength || !text.StartsWith("ISA", StringComparison.Ordinal))
        {
            return Malformed("The file does not start with an ISA segment.");
        }

        var element = text[3];
        var component = text[104];
        var terminator = text[105];
        var segments = text.Split(terminator)
            .Select(s => s.Trim('\r', '\n'))
            .Where(s => s.Length > 0)
            .Select(s => s.Split(element))
            .Select(parts => new X12Segment(parts[0], parts[1..], component))
            .ToList();
        return new Reader(segments).Interchange();
    }

    private static Refusal Malformed(string message) => new(RefusalCodes.MalformedRequest, message);

    private sealed class Reader(List<X12Segment> segments)
    {
        private int _next;

        private X12Segment? Peek => _next < segments.Count ? segments[_next] : null;

        public Outcome<X12Interchange> Interchange()
        {
            var header = segments[0];
            if (header.Elements.Count != 16)
            {
                return Malformed("The ISA segment has 16 elements.");
            }

            _next = 1;
            var groups = new List<X12Group>();
            while (Peek?.Id == "GS")
            {
                var group = Group();
                if (!group.Succeeded)
                {
                    return group.AsOutcome;
                }

                groups.Add(group.Value);
            }

            if (Peek is not { Id: "IEA" } trailer)
            {
                return Malformed($"Expected GS or IEA, found {Peek?.Id ?? "the end of the file"}.");
            }

            if (_next != segments.Count - 1)
            {
                return Malformed("The file goes on after IEA: one interchange a file.");
            }

            if (!Counts(trailer[1], groups.Count) || trailer[2] != header[13])
            {
                return Malformed($"IEA says {trailer[1]} groups with control number {trailer[2]}; the interchange has {groups.Count}, numbered {header[13]}.");
            }

            return new X12Interchange(header, groups, trailer);
        }

        private Outcome<X12Group> Group()
        {
            var header = segments[_next++];
            var sets = new List<X12TransactionSet>();
            while (Peek?.Id == "ST")
            {
                var set = TransactionSet();
                if (!set.Succeeded)
                {
                    return set.AsOutcome;
                }

                sets.Add(set.Value);
            }

            if (Peek is not { Id: "GE" } trailer)
            {
                return Malformed($"Expected ST or GE, found {Peek?.Id ?? "the end of the file"}.");
            }

            _next++;
            if (!Counts(trailer[1], sets.Count) || trailer[2] != header[6])
            {
                return Malformed($"GE says {trailer[1]} transaction sets with control number {trailer[2]}; the group has {sets.Count}, numbered {header[6]}.");
            }

            return new X12Group(header, sets, trailer);
        }

        private Outcome<X12TransactionSet> TransactionSet()
        {
            var start = _next++;
            while (Peek is { Id: not ("SE" or "ST" or "GE" or "GS" or "IEA") })
            {
                _next++;
            }

            if (Peek is not { Id: "SE" } trailer)
            {
                return Malformed($"Expected SE to close the transaction set {segments[start][2]}, found {Peek?.Id ?? "the end of the file"}.");
            }

            _next++;
            var set = segments[start.._next];
            if (!Counts(trailer[1], set.Count) || trailer[2] != segments[start][2])
            {
                return Malformed($"SE says {trailer[1]} segments with control number {trailer[2]}; the transaction set has {set.Count}, numbered {segments[start][2]}.");
            }

            return new X12TransactionSet(set);
        }

        private static bool Counts(string stated, int actual) => int.TryParse(stated, out var count) && count == actual;
    }
}
