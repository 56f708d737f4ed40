using System.Buffers;
using Caseload.Domain.Billing;

namespace Caseload.Domain.Insurance;

/// <summary>
/// Everything a payer or clearinghouse would reject a claim for, found before it is sent: each refusal
/// names the field to fix, so a biller fixes them all in one pass instead of one rejection at a time.
/// </summary>
public static class ClaimCheck
{
    /// <summary>A 2300 HI segment holds twelve diagnosis codes.</summary>
    public const int MostDiagnoses = 12;

    /// <summary>An SV1 line points at up to four of them.</summary>
    public const int PointersPerLine = 4;

    /// <summary>An 837P claim holds at most 50 service lines.</summary>
    public const int MostLines = 50;

    /// <summary>
    /// CLM01 may hold 38 characters, but payers return only the first 20 on the remittance; a longer
    /// id would come back as something that matches no claim.
    /// </summary>
    public const int ClaimIdLength = 20;

    private const string TheSeparators = "*:~^";

    private static readonly SearchValues<char> Separators = SearchValues.Create(TheSeparators);

    public static Outcome Check(Claim claim)
    {
        var refusals = new List<Refusal>();
        if (claim.InvoiceKind == InvoiceKind.Missed)
        {
            refusals.Add(Refusal.Invalid("invoice.kind", "A missed-session charge is billed to the client alone, never on a claim (rule 7)."));
        }

        Text(claim.ClaimId, "claimId", "the claim id", refusals, ClaimIdLength);
        CheckBillingProvider(claim.BillingProvider, refusals);
        CheckSubscriber(claim.Subscriber, refusals);
        Text(claim.Payer.Name, "payer.name", "the payer's name", refusals);
        Text(claim.Payer.PayerId, "payer.payerId", "the payer id", refusals);
        if (claim.PlaceOfService is not (Invoice.OfficePlace or Invoice.TelehealthPlace or Claim.TelehealthAtHomePlace))
        {
            refusals.Add(Refusal.Invalid("placeOfService", "The place of service is 11 (office), 02 or 10 (telehealth)."));
        }

        CheckDiagnoses(claim.DiagnosisCodes, refusals);
        Name(claim.RenderingProvider.Name, "renderingProvider.name", refusals);
        NpiOf(claim.RenderingProvider.Npi, "renderingProvider.npi", refusals);
        Taxonomy(claim.RenderingProvider.Taxonomy, "renderingProvider.taxonomy", refusals);
        CheckLines(claim, refusals);
        return Outcome.From(refusals);
    }

    private static void CheckBillingProvider(BillingProvider provider, List<Refusal> refusals)
    {
        Text(provider.Name, "billingProvider.name", "the billing provider's name", refusals);
        NpiOf(provider.Npi, "billingProvider.npi", refusals);
        if (provider.TaxId?.Replace("-", "", StringComparison.Ordinal) is not { Length: 9 } taxId || !taxId.All(char.IsAsciiDigit))
        {
            refusals.Add(Refusal.Invalid("billingProvider.taxId", "Enter the practice's 9-digit tax id (EIN), such as 12-3456789."));
        }

        Taxonomy(provider.Taxonomy, "billingProvider.taxonomy", refusals);
        Address(provider.Address, "billingProvider.address", refusals);
    }

    private static void CheckSubscriber(Subscriber subscriber, List<Refusal> refusals)
    {
        Name(subscriber.Name, "subscriber.name", refusals);
        if (subscriber.DateOfBirth is null)
        {
            refusals.Add(Refusal.Invalid("subscriber.dateOfBirth", "Enter the subscriber's date of birth."));
        }

        Text(subscriber.MemberId, "subscriber.memberId", "the member id from the insurance card", refusals, TextLimits.MemberId);
        if (subscriber.Address is { } address)
        {
            Address(address, "subscriber.address", refusals);
        }

        if (subscriber.Relationship == SubscriberRelationship.Self)
        {
            return;
        }

        if (subscriber.Patient is not { } patient)
        {
            refusals.Add(Refusal.Invalid("subscriber.patient", "Someone else holds the policy: enter the client as the patient."));
            return;
        }

        Name(patient.Name, "patient.name", refusals);
        if (patient.DateOfBirth is null)
        {
            refusals.Add(Refusal.Invalid("patient.dateOfBirth", "Enter the client's date of birth."));
        }

        if (patient.Address is { } patientAddress)
        {
            Address(patientAddress, "patient.address", refusals);
        }
    }

    private static void CheckDiagnoses(IReadOnlyList<string> codes, List<Refusal> refusals)
    {
        if (codes.Count == 0)
        {
            refusals.Add(Refusal.Invalid("diagnosisCodes", "Enter at least one diagnosis code: the first is the primary diagnosis."));
            return;
        }

        if (codes.Count > MostDiagnoses)
        {
            refusals.Add(Refusal.Invalid("diagnosisCodes", $"A claim carries at most {MostDiagnoses} diagnosis codes."));
        }

        var seen = new HashSet<string>();
        for (var i = 0; i < codes.Count; i++)
        {
            var parsed = DiagnosisCode.Parse(codes[i], $"diagnosisCodes[{i}]");
            if (!parsed.Succeeded)
            {
                refusals.AddRange(parsed.Refusals);
            }
            else if (!seen.Add(parsed.Value.Value))
            {
                refusals.Add(Refusal.Invalid($"diagnosisCodes[{i}]", $"{parsed.Value} is listed twice."));
            }
        }
    }

    private static void CheckLines(Claim claim, List<Refusal> refusals)
    {
        if (claim.Lines.Count is 0 or > MostLines)
        {
            refusals.Add(Refusal.Invalid("lines", $"A claim has from 1 to {MostLines} service lines."));
        }

        for (var i = 0; i < claim.Lines.Count; i++)
        {
            var line = claim.Lines[i];
            var field = $"lines[{i}]";
            if (line.ServiceCode is not { Length: 5 } code || !code.All(char.IsAsciiLetterOrDigit))
            {
                refusals.Add(Refusal.Invalid($"{field}.serviceCode", "Enter the 5-character CPT service code, such as 90853."));
            }

            if (line.Modifier is { } modifier && (modifier.Length != 2 || !modifier.All(char.IsAsciiLetterOrDigit)))
            {
                refusals.Add(Refusal.Invalid($"{field}.modifier", "A modifier is 2 letters or digits, such as 95."));
            }

            if (line.Charge <= 0 || Money.Round(line.Charge) != line.Charge)
            {
                refusals.Add(Refusal.Invalid($"{field}.charge", "A line's charge is more than 0.00, in whole cents."));
            }

            if (line.Units < 1)
            {
                refusals.Add(Refusal.Invalid($"{field}.units", "A line bills at least 1 unit."));
            }

            if (line.DiagnosisPointers.Count is 0 or > PointersPerLine
                || line.DiagnosisPointers.Any(p => p < 1 || p > claim.DiagnosisCodes.Count)
                || line.DiagnosisPointers.Distinct().Count() != line.DiagnosisPointers.Count)
            {
                refusals.Add(Refusal.Invalid($"{field}.diagnosisPointers",
                    $"A line points at 1 to {PointersPerLine} different diagnoses of the claim, by position from 1."));
            }
        }
    }

    private static void NpiOf(string? npi, string field, List<Refusal> refusals)
    {
        var parsed = Npi.Parse(npi, field);
        refusals.AddRange(parsed.Refusals);
    }

    /// <summary>A Health Care Provider Taxonomy code: nine letters or digits and a final X, such as 101YM0800X.</summary>
    private static void Taxonomy(string? taxonomy, string field, List<Refusal> refusals)
    {
        if (taxonomy?.Trim() is not { Length: 10 } code || code[9] != 'X' || !code.All(char.IsAsciiLetterOrDigit))
        {
            refusals.Add(Refusal.Invalid(field, "Enter the 10-character provider taxonomy code, such as 101YM0800X."));
        }
    }

    private static void Name(PersonName name, string field, List<Refusal> refusals)
    {
        Text(name.Last, $"{field}.last", "the last name", refusals, TextLimits.ClientName);
        Text(name.First, $"{field}.first", "the first name", refusals, TextLimits.ClientName);
    }

    private static void Address(PostalAddress address, string field, List<Refusal> refusals)
    {
        Text(address.Line1, $"{field}.line1", "the street address", refusals);
        Text(address.City, $"{field}.city", "the city", refusals);
        if (address.State?.Trim() is not { Length: 2 } state || !state.All(char.IsAsciiLetterUpper))
        {
            refusals.Add(Refusal.Invalid($"{field}.state", "Enter the 2-letter state code, such as NY."));
        }

        if (address.Zip?.Replace("-", "", StringComparison.Ordinal) is not { Length: 5 or 9 } zip || !zip.All(char.IsAsciiDigit))
        {
            refusals.Add(Refusal.Invalid($"{field}.zip", "Enter the 5- or 9-digit ZIP code."));
        }
    }

    /// <summary>Required text that fits, and holds none of the characters that separate an X12 file's parts.</summary>
    internal static void Text(string? text, string field, string what, List<Refusal> refusals, int max = 60)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            refusals.Add(Refusal.Invalid(field, $"Enter {what}."));
        }
        else if (text.Trim().Length > max)
        {
            refusals.Add(Refusal.Invalid(field, TextLimits.Message(max)));
        }
        else if (text.AsSpan().ContainsAny(Separators))
        {
            refusals.Add(Refusal.Invalid(field, $"Leave out the characters {TheSeparators}: claim files use them as separators."));
        }
    }
}
