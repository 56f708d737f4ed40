namespace Caseload.Domain.Insurance;

/// <summary>A National Provider Identifier: ten digits, the last a Luhn check digit.</summary>
/// <remarks>
/// A payer rejects a claim whose NPI fails its check digit before anyone reads it, so a mistyped
/// number is refused when it is entered rather than weeks later on a rejection report.
/// </remarks>
public readonly record struct Npi
{
    /// <summary>The card-issuer prefix (80840) an NPI's check digit is computed over, as if it were part of the number.</summary>
    private const string IssuerPrefix = "80840";

    private Npi(string value) => Value = value;

    public string Value { get; }

    /// <param name="field">The input the number came from, named by the refusal.</param>
    public static Outcome<Npi> Parse(string? text, string field)
    {
        var digits = text?.Trim() ?? "";
        if (digits.Length == 0)
        {
            return Refusal.Invalid(field, "Enter the 10-digit NPI.");
        }

        return digits.Length == 10 && digits.All(char.IsAsciiDigit) && CheckDigit(IssuerPrefix + digits[..9]) == digits[9] - '0'
            ? new Npi(digits)
            : Refusal.Invalid(field, "This is not a valid NPI: it has 10 digits and the last is a check digit.");
    }

    public override string ToString() => Value;

    /// <summary>Luhn: from the right, double every other digit (the rightmost first), add the digits up, and round to the next ten.</summary>
    private static int CheckDigit(string payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var digit = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                digit = digit > 9 ? digit - 9 : digit;
            }

            sum += digit;
        }

        return (10 - (sum % 10)) % 10;
    }
}
