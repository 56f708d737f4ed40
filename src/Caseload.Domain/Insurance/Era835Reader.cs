using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Domain.Insurance;

/// <summary>
/// Reads an X12 835 (electronic remittance advice) into <see cref="Remittance"/>s, one per transaction set:
/// the payment (BPR, TRN), the payer (N1*PR), and each claim (CLP) with its adjustments (CAS) and service
/// lines (SVC with theirs). Everything else in the file is not needed to post a payment and is passed over.
/// </summary>
public static class Era835Reader
{
    /// <summary>A CAS segment carries up to six reason, amount and quantity triplets after its group code.</summary>
    private const int TripletsPerCas = 6;

    private static readonly LocalDatePattern Date = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    public static Outcome<IReadOnlyList<Remittance>> Read(string? text)
    {
        var interchange = X12Parser.Parse(text);
        if (!interchange.Succeeded)
        {
            return interchange.AsOutcome;
        }

        var remittances = new List<Remittance>();
        foreach (var set in interchange.Value.TransactionSets)
        {
            if (set.Code != "835")
            {
                return Malformed($"Expected an 835 remittance, found a {set.Code} transaction set.");
            }

            var remittance = ReadSet(set);
            if (!remittance.Succeeded)
            {
                return remittance.AsOutcome;
            }

            remittances.Add(remittance.Value);
        }

        return remittances;
    }

    private static Outcome<Remittance> ReadSet(X12TransactionSet set)
    {
        decimal? payment = null;
        string? trace = null;
        string? payer = null;
        LocalDate? paymentDate = null;
        var claims = new List<ClaimBuilder>();
        foreach (var segment in set.Body)
        {
            var claim = claims.Count > 0 ? claims[^1] : null;
            switch (segment.Id)
            {
                case "BPR":
                    payment = Amount(segment[2]);
                    paymentDate = Date.Parse(segment[16]) is { Success: true } date ? date.Value : null;
                    break;
                case "TRN":
                    trace = segment[2];
                    break;
                case "N1" when segment[1] == "PR":
                    payer = segment[2];
                    break;
                case "CLP":
                    var clp = ClaimBuilder.From(segment);
                    if (clp is null)
                    {
                        return Malformed($"A CLP segment has no claim id or amounts that are not numbers: {Quoted(segment)}.");
                    }

                    claims.Add(clp);
                    break;
                case "SVC" when claim is not null:
                    if (ServiceBuilder.From(segment) is not { } service)
                    {
                        return Malformed($"An SVC segment has amounts that are not numbers: {Quoted(segment)}.");
                    }

                    claim.Services.Add(service);
                    break;
                case "CAS" when claim is not null:
                    if (!ReadAdjustments(segment, claim.Services.Count > 0 ? claim.Services[^1].Adjustments : claim.Adjustments))
                    {
                        return Malformed($"A CAS segment has amounts that are not numbers: {Quoted(segment)}.");
                    }

                    break;
                case "DTM" when claim is { Services.Count: > 0 } && segment[1] == "472":
                    claim.Services[^1].Date = Date.Parse(segment[2]) is { Success: true } served ? served.Value : null;
                    break;
            }
        }

        if (payment is null || string.IsNullOrEmpty(trace) || string.IsNullOrEmpty(payer))
        {
            return Malformed("An 835 names its payment (BPR), its trace number (TRN) and its payer (N1*PR).");
        }

        return new Remittance(payment.Value, trace, payer, paymentDate, [.. claims.Select(c => c.Build())]);
    }

    private static bool ReadAdjustments(X12Segment cas, List<Adjustment> into)
    {
        for (var i = 0; i < TripletsPerCas; i++)
        {
            var reason = cas[2 + (3 * i)];
            if (reason.Length == 0)
            {
                continue;
            }

            if (Amount(cas[3 + (3 * i)]) is not { } amount)
            {
                return false;
            }

            into.Add(new Adjustment(cas[1], reason, amount));
        }

        return true;
    }

    /// <summary>An X12 decimal: an optional minus sign, digits and an optional decimal point.</summary>
    private static decimal? Amount(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : null;

    private static string Quoted(X12Segment segment) => string.Join('*', [segment.Id, .. segment.Elements]);

    private static Refusal Malformed(string message) => new(RefusalCodes.MalformedRequest, message);

    private sealed class ClaimBuilder(X12Segment clp, decimal charge, decimal paid, decimal patientResponsibility)
    {
        public List<Adjustment> Adjustments { get; } = [];

        public List<ServiceBuilder> Services { get; } = [];

        /// <summary>CLP05 may be left out when the client owes nothing.</summary>
        public static ClaimBuilder? From(X12Segment clp) =>
            clp[1].Length > 0 && Amount(clp[3]) is { } charge && Amount(clp[4]) is { } paid && (clp[5].Length == 0 ? 0m : Amount(clp[5])) is { } owed
                ? new ClaimBuilder(clp, charge, paid, owed)
                : null;

        public ClaimPayment Build() => new(clp[1], clp[2], charge, paid, patientResponsibility, clp[7].Length == 0 ? null : clp[7],
            Adjustments, [.. Services.Select(s => s.Build())]);
    }

    private sealed class ServiceBuilder(X12Segment svc, decimal charge, decimal paid, decimal units)
    {
        public List<Adjustment> Adjustments { get; } = [];

        public LocalDate? Date { get; set; }

        /// <summary>SVC05, the units paid, is left out when it is one.</summary>
        public static ServiceBuilder? From(X12Segment svc) =>
            Amount(svc[2]) is { } charge && Amount(svc[3]) is { } paid && (svc[5].Length == 0 ? 1m : Amount(svc[5])) is { } units
                ? new ServiceBuilder(svc, charge, paid, units)
                : null;

        public ServicePayment Build() => new(svc.Component(1, 2), svc.Component(1, 3) is { Length: > 0 } modifier ? modifier : null,
            charge, paid, units, Date, Adjustments);
    }
}
