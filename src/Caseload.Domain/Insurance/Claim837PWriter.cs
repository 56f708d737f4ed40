using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Domain.Insurance;

/// <summary>Who sends the file (the practice or its billing service, as the clearinghouse knows it) and whom to call about it.</summary>
public sealed record Submitter(string Name, string Id, string ContactName, string ContactPhone);

/// <summary>The clearinghouse or payer the file goes to.</summary>
public sealed record Receiver(string Name, string Id);

/// <summary>The three control numbers of an interchange, kept by the caller so each file's are new (ISA13, GS06, ST02).</summary>
public sealed record ControlNumbers(int Interchange, int Group, int TransactionSet);

/// <summary>Claims sent together as one interchange.</summary>
/// <param name="Reference">The batch's own reference, returned by the receiver's acknowledgements (BHT03).</param>
/// <param name="Production">False marks a test file (ISA15 T) that the receiver checks but never forwards.</param>
public sealed record ClaimBatch(
    Submitter Submitter, Receiver Receiver, ControlNumbers Control, string Reference, LocalDateTime CreatedAt, bool Production,
    IReadOnlyList<Claim> Claims);

/// <summary>
/// Writes a batch of claims as one ASC X12 005010X222A1 837P interchange: one GS group holding one ST transaction
/// set, each billing provider once (2000A) and, per claim, its subscriber (2000B), the patient when that is someone else
/// (2000C), the claim (2300) and its lines (2400).
/// </summary>
/// <remarks>Separators: <c>~</c> ends a segment, <c>*</c> an element, <c>:</c> a component, <c>^</c> a repetition.</remarks>
public static class Claim837PWriter
{
    public const string Version = "005010X222A1";

    private const char Element = '*';
    private const char Component = ':';
    private const char Terminator = '~';

    /// <summary>The implementation guide's advice: at most 5000 claims in one transaction set.</summary>
    private const int MostClaims = 5000;

    /// <summary>ISA09 and ISA10 are six and four wide; GS, BHT and DTP dates are eight.</summary>
    private static readonly LocalDatePattern ShortDate = LocalDatePattern.CreateWithInvariantCulture("yyMMdd");

    private static readonly LocalDatePattern Date = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");
    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HHmm");

    /// <summary>The interchange, or the refusals of every claim that a payer would reject (each message names its claim).</summary>
    public static Outcome<string> Write(ClaimBatch batch)
    {
        var refusals = CheckEnvelope(batch);
        foreach (var claim in batch.Claims)
        {
            refusals.AddRange(ClaimCheck.Check(claim).Refusals.Select(r => r with { Message = $"Claim {claim.ClaimId}: {r.Message}" }));
        }

        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        var set = new TransactionSet();
        WriteTransaction(set, batch);
        var control = batch.Control;
        var created = batch.CreatedAt;
        var isa = string.Join(Element,
            "ISA", "00", Pad("", 10), "00", Pad("", 10), "ZZ", Pad(batch.Submitter.Id, 15), "ZZ", Pad(batch.Receiver.Id, 15),
            ShortDate.Format(created.Date), Time.Format(created.TimeOfDay), "^", "00501", Number(control.Interchange, 9), "0",
            batch.Production ? "P" : "T", Component.ToString());
        string[] envelope =
        [
            isa,
            Segment("GS", "HC", batch.Submitter.Id, batch.Receiver.Id, Date.Format(created.Date), Time.Format(created.TimeOfDay),
                Number(control.Group), "X", Version),
            .. set.Segments,
            Segment("GE", "1", Number(control.Group)),
            Segment("IEA", "1", Number(control.Interchange, 9)),
        ];
        return string.Concat(envelope.Select(s => s + Terminator));
    }

    private static List<Refusal> CheckEnvelope(ClaimBatch batch)
    {
        var refusals = new List<Refusal>();
        if (batch.Claims.Count is 0 or > MostClaims)
        {
            refusals.Add(Refusal.Invalid("claimIds", $"Choose from 1 to {MostClaims} claims to send."));
        }

        if (batch.Claims.GroupBy(c => c.ClaimId).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            refusals.Add(Refusal.Invalid("claimIds", $"Claim {twice.Key} is in the batch twice: its payment could not tell them apart."));
        }

        ClaimCheck.Text(batch.Submitter.Name, "submitter.name", "the submitter's name", refusals);
        ClaimCheck.Text(batch.Submitter.ContactName, "submitter.contactName", "whom the receiver calls about the file", refusals);
        if (batch.Submitter.ContactPhone.Count(char.IsAsciiDigit) is < 10 or > 15)
        {
            refusals.Add(Refusal.Invalid("submitter.contactPhone", "Enter the contact's phone number, 10 to 15 digits."));
        }

        ClaimCheck.Text(batch.Receiver.Name, "receiver.name", "the receiver's name", refusals);
        ClaimCheck.Text(batch.Reference, "reference", "the batch reference", refusals, 50);
        ClaimCheck.Text(batch.Submitter.Id, "submitter.id", "the submitter id the receiver gave", refusals, 15);
        ClaimCheck.Text(batch.Receiver.Id, "receiver.id", "the receiver's id", refusals, 15);

        var control = batch.Control;
        if (control.Interchange is < 1 or > 999_999_999 || control.Group is < 1 or > 999_999_999 || control.TransactionSet is < 1 or > 999_999_999)
        {
            refusals.Add(Refusal.Invalid("controlNumbers", "Control numbers run from 1 to 999999999."));
        }

        return refusals;
    }

    private static void WriteTransaction(TransactionSet set, ClaimBatch batch)
    {
        var created = batch.CreatedAt;
        set.Add("ST", "837", Number(batch.Control.TransactionSet, 4), Version);
        set.Add("BHT", "0019", "00", batch.Reference, Date.Format(created.Date), Time.Format(created.TimeOfDay), "CH");
        set.Add("NM1", "41", "2", batch.Submitter.Name, "", "", "", "", "46", batch.Submitter.Id);
        set.Add("PER", "IC", batch.Submitter.ContactName, "TE", Phone(batch.Submitter.ContactPhone));
        set.Add("NM1", "40", "2", batch.Receiver.Name, "", "", "", "", "46", batch.Receiver.Id);

        var hl = 0;
        foreach (var claims in batch.Claims.GroupBy(c => c.BillingProvider))
        {
            var providerHl = ++hl;
            var provider = claims.Key;
            set.Add("HL", Number(providerHl), "", "20", "1");
            set.Add("PRV", "BI", "PXC", provider.Taxonomy);
            set.Add("NM1", "85", "2", provider.Name, "", "", "", "", "XX", provider.Npi);
            WriteAddress(set, provider.Address);
            set.Add("REF", "EI", Digits(provider.TaxId));
            foreach (var claim in claims)
            {
                var subscriber = claim.Subscriber;
                var patient = subscriber.Relationship == SubscriberRelationship.Self ? null : subscriber.Patient;
                var subscriberHl = ++hl;
                set.Add("HL", Number(subscriberHl), Number(providerHl), "22", patient is null ? "0" : "1");
                set.Add("SBR", "P", patient is null ? "18" : "", "", "", "", "", "", "", "CI");
                set.Add("NM1", "IL", "1", subscriber.Name.Last, subscriber.Name.First, "", "", "", "MI", subscriber.MemberId);
                WriteAddress(set, subscriber.Address);
                set.Add("DMG", "D8", Date.Format(subscriber.DateOfBirth!.Value), "U");
                set.Add("NM1", "PR", "2", claim.Payer.Name, "", "", "", "", "PI", claim.Payer.PayerId);
                if (patient is not null)
                {
                    set.Add("HL", Number(++hl), Number(subscriberHl), "23", "0");
                    set.Add("PAT", Relationship(subscriber.Relationship));
                    set.Add("NM1", "QC", "1", patient.Name.Last, patient.Name.First);
                    WriteAddress(set, patient.Address);
                    set.Add("DMG", "D8", Date.Format(patient.DateOfBirth!.Value), "U");
                }

                WriteClaim(set, claim);
            }
        }

        set.Add("SE", Number(set.Segments.Count + 1), Number(batch.Control.TransactionSet, 4));
    }

    private static void WriteClaim(TransactionSet set, Claim claim)
    {
        set.Add("CLM", claim.ClaimId, Amount(claim.TotalCharge), "", "", string.Join(Component, claim.PlaceOfService, "B", "1"), "Y", "A", "Y", "Y");
        var codes = claim.DiagnosisCodes.Select(c => DiagnosisCode.Parse(c, "diagnosisCodes").Value.Unpunctuated).ToList();
        set.Add(["HI", .. codes.Select((code, i) => string.Join(Component, i == 0 ? "ABK" : "ABF", code))]);
        var rendering = claim.RenderingProvider;
        set.Add("NM1", "82", "1", rendering.Name.Last, rendering.Name.First, "", "", "", "XX", rendering.Npi);
        set.Add("PRV", "PE", "PXC", rendering.Taxonomy);
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            var line = claim.Lines[i];
            string[] procedure = line.Modifier is { } modifier ? ["HC", line.ServiceCode, modifier] : ["HC", line.ServiceCode];
            set.Add("LX", Number(i + 1));
            set.Add("SV1", string.Join(Component, procedure), Amount(line.Charge), "UN", Number(line.Units), "", "",
                string.Join(Component, line.DiagnosisPointers.Select(p => Number(p))));
            set.Add("DTP", "472", "D8", Date.Format(line.Date));
        }
    }

    private static void WriteAddress(TransactionSet set, PostalAddress? address)
    {
        if (address is null)
        {
            return;
        }

        set.Add("N3", address.Line1);
        set.Add("N4", address.City, address.State, Digits(address.Zip));
    }

    private static string Relationship(SubscriberRelationship relationship) => relationship switch
    {
        SubscriberRelationship.Spouse => "01",
        SubscriberRelationship.Child => "19",
        _ => "G8",
    };

    private static string Segment(params string[] elements) => string.Join(Element, elements.Select(e => e.Trim())).TrimEnd(Element);

    private static string Pad(string text, int width) => text.Trim().PadRight(width)[..width];

    private static string Number(int value, int width = 1) => value.ToString(new string('0', width), CultureInfo.InvariantCulture);

    private static string Amount(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A North American number as PER04 carries it: ten digits, without the country code 1.</summary>
    private static string Phone(string text) => Digits(text) is { Length: 11 } digits && digits[0] == '1' ? digits[1..] : Digits(text);

    private static string Digits(string text) => string.Concat(text.Where(char.IsAsciiDigit));

    /// <summary>The segments of one ST…SE, so SE01 counts exactly what was written.</summary>
    private sealed class TransactionSet
    {
        public List<string> Segments { get; } = [];

        public void Add(params string[] elements) => Segments.Add(Segment(elements));
    }
}
