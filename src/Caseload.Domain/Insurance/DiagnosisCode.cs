using System.Text.RegularExpressions;

namespace Caseload.Domain.Insurance;

/// <summary>An ICD-10-CM diagnosis code such as F33.1 or F43.10, kept in upper case with its dot.</summary>
/// <remarks>
/// Only the format is checked (a letter, a digit, a letter or digit, then up to four more after a dot):
/// the code list itself changes every October and is the payer's to judge.
/// </remarks>
public readonly partial record struct DiagnosisCode
{
    private DiagnosisCode(string value) => Value = value;

    /// <summary>As people write it: F33.1.</summary>
    public string Value { get; }

    /// <summary>As claims carry it, without the dot: F331.</summary>
    public string Unpunctuated => Value.Replace(".", "", StringComparison.Ordinal);

    /// <param name="field">The input the code came from, named by the refusal.</param>
    public static Outcome<DiagnosisCode> Parse(string? text, string field)
    {
        var code = text?.Trim().ToUpperInvariant() ?? "";
        return Format().IsMatch(code)
            ? new DiagnosisCode(code)
            : Refusal.Invalid(field, "Enter an ICD-10-CM code such as F33.1: a letter, a digit, a letter or digit, then a dot and up to 4 more.");
    }

    public override string ToString() => Value;

    [GeneratedRegex(@"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Format();
}
