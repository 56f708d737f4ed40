namespace Caseload.Domain.Insurance;

/// <summary>
/// The practice as payers know it: the billing provider every claim names (2010AA). Each part may be left blank
/// while the practice sets up; a claim lists what is still missing (<see cref="ClaimCheck"/>), but what is
/// entered must have the right form, so a mistyped NPI is refused when typed and not weeks later by a payer.
/// </summary>
public sealed record BillingIdentity(string? Name, string? Npi, string? TaxId, string? Taxonomy, string? Line1, string? City, string? State, string? Zip)
{
    public static readonly BillingIdentity Blank = new(null, null, null, null, null, null, null, null);

    public BillingProvider ToProvider() =>
        new(Name ?? "", Npi ?? "", TaxId ?? "", Taxonomy ?? "", new PostalAddress(Line1 ?? "", City ?? "", State ?? "", Zip ?? ""));

    /// <summary>The identity with blanks as null and codes in upper case, or the refusals naming <c>billingProvider.*</c> fields.</summary>
    public Outcome<BillingIdentity> Checked()
    {
        var refusals = new List<Refusal>();
        var identity = new BillingIdentity(
            IdentityChecks.Text(Name, "billingProvider.name", refusals),
            IdentityChecks.Npi(Npi, "billingProvider.npi", refusals),
            IdentityChecks.TaxId(TaxId, "billingProvider.taxId", refusals),
            IdentityChecks.Taxonomy(Taxonomy, "billingProvider.taxonomy", refusals),
            IdentityChecks.Text(Line1, "billingProvider.address.line1", refusals),
            IdentityChecks.Text(City, "billingProvider.address.city", refusals),
            IdentityChecks.State(State, "billingProvider.address.state", refusals),
            IdentityChecks.Zip(Zip, "billingProvider.address.zip", refusals));
        return refusals.Count > 0 ? Outcome.From(refusals) : identity;
    }
}

/// <summary>
/// Where claim files go: the clearinghouse's name and id (the 837P's receiver), the id it gave the practice as a
/// submitter, and whether files are live (ISA15 P) or tests it checks but never forwards (T, until the practice says so).
/// </summary>
public sealed record Clearinghouse(string? Name, string? ReceiverId, string? SubmitterId, bool Production)
{
    public static readonly Clearinghouse Blank = new(null, null, null, false);

    public Outcome<Clearinghouse> Checked()
    {
        var refusals = new List<Refusal>();
        var checkedOne = new Clearinghouse(
            IdentityChecks.Text(Name, "clearinghouse.name", refusals),
            IdentityChecks.Text(ReceiverId, "clearinghouse.receiverId", refusals, 15),
            IdentityChecks.Text(SubmitterId, "clearinghouse.submitterId", refusals, 15),
            Production);
        return refusals.Count > 0 ? Outcome.From(refusals) : checkedOne;
    }
}

/// <summary>A clinician as payers know them: the NPI and taxonomy of the rendering provider on their claims.</summary>
public static class RenderingIdentity
{
    public static Outcome<(string? Npi, string? Taxonomy)> Check(string? npi, string? taxonomy)
    {
        var refusals = new List<Refusal>();
        var result = (IdentityChecks.Npi(npi, "npi", refusals), IdentityChecks.Taxonomy(taxonomy, "taxonomy", refusals));
        return refusals.Count > 0 ? Outcome.From(refusals) : result;
    }

    /// <summary>
    /// The clinician's name as a claim carries it, last and first. Caseload keeps one display name; its last word is
    /// taken as the last name and a trailing credential after a comma ("Morgan Quinn, LCSW") is left out.
    /// </summary>
    public static PersonName NameOf(string displayName)
    {
        var name = displayName.Split(',')[0].Trim();
        var space = name.LastIndexOf(' ');
        return space < 0 ? new PersonName(name, name) : new PersonName(name[(space + 1)..], name[..space].Trim());
    }
}

/// <summary>The form checks shared by the billing identities: each returns the cleaned value, null for blank.</summary>
internal static class IdentityChecks
{
    public static string? Text(string? text, string field, List<Refusal> refusals, int max = 60)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var found = new List<Refusal>();
        ClaimCheck.Text(text, field, "it", found, max);
        refusals.AddRange(found);
        return text.Trim();
    }

    public static string? Npi(string? text, string field, List<Refusal> refusals)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = Insurance.Npi.Parse(text, field);
        refusals.AddRange(parsed.Refusals);
        return parsed.Succeeded ? parsed.Value.Value : null;
    }

    public static string? TaxId(string? text, string field, List<Refusal> refusals)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var digits = text.Trim().Replace("-", "", StringComparison.Ordinal);
        if (digits.Length != 9 || !digits.All(char.IsAsciiDigit))
        {
            refusals.Add(Refusal.Invalid(field, "Enter the practice's 9-digit tax id (EIN), such as 12-3456789."));
            return null;
        }

        return $"{digits[..2]}-{digits[2..]}";
    }

    /// <summary>A Health Care Provider Taxonomy code: nine letters or digits and a final X, such as 101YM0800X.</summary>
    public static string? Taxonomy(string? text, string field, List<Refusal> refusals)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var code = text.Trim().ToUpperInvariant();
        if (code.Length != 10 || code[9] != 'X' || !code.All(char.IsAsciiLetterOrDigit))
        {
            refusals.Add(Refusal.Invalid(field, "Enter the 10-character provider taxonomy code, such as 101YM0800X."));
            return null;
        }

        return code;
    }

    public static string? State(string? text, string field, List<Refusal> refusals)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var state = text.Trim().ToUpperInvariant();
        if (state.Length != 2 || !state.All(char.IsAsciiLetterUpper))
        {
            refusals.Add(Refusal.Invalid(field, "Enter the 2-letter state code, such as NY."));
            return null;
        }

        return state;
    }

    public static string? Zip(string? text, string field, List<Refusal> refusals)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var zip = text.Trim();
        var digits = zip.Replace("-", "", StringComparison.Ordinal);
        if (digits.Length is not (5 or 9) || !digits.All(char.IsAsciiDigit))
        {
            refusals.Add(Refusal.Invalid(field, "Enter the 5- or 9-digit ZIP code."));
            return null;
        }

        return zip;
    }
}
