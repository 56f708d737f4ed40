using System.Globalization;
using Caseload.Domain.Billing;
using Caseload.Domain.Insurance;
using Caseload.Domain.Tests.Billing;
using Caseload.Domain.Tests.Infrastructure;

namespace Caseload.Domain.Tests.Insurance;

/// <summary>Claims written as an 837P and read back with the X12 parser, segment by segment.</summary>
public class Claim837PWriterTests
{
    /// <summary>A telehealth group session of five insured members: three hold their own policies, two are covered by a parent or spouse.</summary>
    private static readonly Claim[] GroupOfFive =
    [
        Claimed.GroupSessionClaim("C0001", Claimed.Self("Lovelace", "Ada", "XKJ-1234"), telehealth: true),
        Claimed.GroupSessionClaim("C0002", Claimed.Self("Rowe", "Ben", "XKJ-2288"), telehealth: true, diagnoses: ["F43.10", "Z63.0", "F41.1"]),
        Claimed.GroupSessionClaim("C0003", Claimed.Self("Marsh", "Cleo", "XKJ-3141"), telehealth: true),
        Claimed.GroupSessionClaim("C0004", Claimed.CoveredBy(SubscriberRelationship.Child, "Amara", "WQ-7701"), telehealth: true),
        Claimed.GroupSessionClaim("C0005", Claimed.CoveredBy(SubscriberRelationship.Spouse, "Dev", "WQ-7702"), telehealth: true),
    ];

    private static X12Interchange WrittenAndParsed(ClaimBatch batch)
    {
        var written = Claim837PWriter.Write(batch);
        Assert.True(written.Succeeded, string.Join("; ", written.Refusals.Select(r => r.Message)));
        var parsed = X12Parser.Parse(written.Value);
        Assert.True(parsed.Succeeded, parsed.First?.Message);
        return parsed.Value;
    }

    /// <summary>Each claim's segments: from its CLM up to the next HL or the end of the transaction set.</summary>
    private static List<List<X12Segment>> ClaimLoops(X12TransactionSet set)
    {
        var loops = new List<List<X12Segment>>();
        List<X12Segment>? current = null;
        foreach (var segment in set.Body)
        {
            if (segment.Id == "CLM")
            {
                current = [];
                loops.Add(current);
            }
            else if (segment.Id == "HL")
            {
                current = null;
            }

            current?.Add(segment);
        }

        return loops;
    }

    private static decimal Dec(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void Write_OneClaim_IsExactlyTheHandCheckedInterchange()
    {
        var written = Claim837PWriter.Write(Claimed.Batch(Claimed.GroupSessionClaim("C0001")));

        string[] expected =
        [
            "ISA*00*          *00*          *ZZ*HARBORST       *ZZ*CLAIMSWAY      *261201*1630*^*00501*000000042*0*P*:",
            "GS*HC*HARBORST*CLAIMSWAY*20261201*1630*7*X*005010X222A1",
            "ST*837*0003*005010X222A1",
            "BHT*0019*00*B0042*20261201*1630*CH",
            "NM1*41*2*Harbor Street Counseling*****46*HARBORST",
            "PER*IC*Sam Biller*TE*5550102040",
            "NM1*40*2*Claimsway*****46*CLAIMSWAY",
            "HL*1**20*1",
            "PRV*BI*PXC*251S00000X",
            "NM1*85*2*Harbor Street Counseling*****XX*1234567893",
            "N3*12 Harbor Street",
            "N4*Albany*NY*122071234",
            "REF*EI*123456789",
            "HL*2*1*22*0",
            "SBR*P*18*******CI",
            "NM1*IL*1*Lovelace*Ada****MI*XKJ-1234",
            "N3*3 Elm Row",
            "N4*Albany*NY*12203",
            "DMG*D8*19850412*U",
            "NM1*PR*2*Blue Harbor Health*****PI*BHH01",
            "CLM*C0001*60***11:B:1*Y*A*Y*Y",
            "HI*ABK:F331*ABF:F411",
            "NM1*82*1*Quinn*Morgan****XX*1245319599",
            "PRV*PE*PXC*101YM0800X",
            "LX*1",
            "SV1*HC:90853*60*UN*1***1:2",
            "DTP*472*D8*20261201",
            "SE*26*0003",
            "GE*1*7",
            "IEA*1*000000042",
        ];
        Assert.Equal(string.Concat(expected.Select(s => s + "~")), written.Value);
    }

    [Fact]
    public void Write_TheIsaSegment_IsFixedWidthWithItsSeparatorsWhereTheParserLooks()
    {
        var text = Claim837PWriter.Write(Claimed.Batch(GroupOfFive)).Value;

        Assert.Equal('*', text[3]);
        Assert.Equal('^', text[82]);
        Assert.Equal(':', text[104]);
        Assert.Equal('~', text[105]);
        Assert.Equal("000000042", text[90..99]);
    }

    [Fact]
    public void Write_AGroupOfFive_HasMatchingEnvelopesAndControlNumbers()
    {
        var interchange = WrittenAndParsed(Claimed.Batch(GroupOfFive));

        Assert.Equal("000000042", interchange.Header[13]);
        Assert.Equal(interchange.Header[13], interchange.Trailer[2]);
        Assert.Equal("1", interchange.Trailer[1]);
        var group = Assert.Single(interchange.Groups);
        Assert.Equal(("HC", "005010X222A1", "7"), (group.Header[1], group.Header[8], group.Header[6]));
        Assert.Equal(group.TransactionSets.Count.ToString(CultureInfo.InvariantCulture), group.Trailer[1]);
        Assert.Equal(group.Header[6], group.Trailer[2]);
        var set = Assert.Single(group.TransactionSets);
        Assert.Equal(("837", "0003", "005010X222A1"), (set.Segments[0][1], set.Segments[0][2], set.Segments[0][3]));
        Assert.Equal(set.Segments.Count.ToString(CultureInfo.InvariantCulture), set.Segments[^1][1]);
        Assert.Equal("0003", set.Segments[^1][2]);
    }

    [Fact]
    public void Write_AGroupOfFive_NumbersHlsInOrderEachUnderItsParentAndSaysWhichHaveChildren()
    {
        var set = WrittenAndParsed(Claimed.Batch(GroupOfFive)).TransactionSets.Single();
        var hls = set.Body.Where(s => s.Id == "HL").ToList();

        Assert.Equal(Enumerable.Range(1, hls.Count).Select(n => n.ToString(CultureInfo.InvariantCulture)), hls.Select(h => h[1]));
        Assert.Equal(["20", "22", "22", "22", "22", "23", "22", "23"], hls.Select(h => h[3]));
        foreach (var hl in hls)
        {
            var parentLevel = hl[3] switch { "22" => "20", "23" => "22", _ => null };
            var parent = hls.SingleOrDefault(p => p[1] == hl[2]);
            Assert.Equal(parentLevel, parent?[3]);
            Assert.Equal(hls.Any(child => child[2] == hl[1]) ? "1" : "0", hl[4]);
        }
    }

    [Fact]
    public void Write_AGroupOfFive_WritesFiveClaimsEachTotallingItsLines()
    {
        var claims = ClaimLoops(WrittenAndParsed(Claimed.Batch(GroupOfFive)).TransactionSets.Single());

        Assert.Equal(["C0001", "C0002", "C0003", "C0004", "C0005"], claims.Select(c => c[0][1]));
        foreach (var claim in claims)
        {
            Assert.Equal(Dec(claim[0][2]), claim.Where(s => s.Id == "SV1").Sum(s => Dec(s[2])));
        }
    }

    [Fact]
    public void Write_AClaimOfSeveralLines_MakesClm02TheSumOfItsSv102s()
    {
        var claim = Claimed.GroupSessionClaim();
        var second = claim.Lines[0] with { ServiceCode = "90837", Charge = 170.00m, DiagnosisPointers = [2] };
        var third = claim.Lines[0] with { Charge = 45.50m, Units = 2 };

        var loop = Assert.Single(ClaimLoops(WrittenAndParsed(Claimed.Batch(claim with { Lines = [claim.Lines[0], second, third] })).TransactionSets.Single()));

        Assert.Equal("275.5", loop[0][2]);
        Assert.Equal(["60", "170", "45.5"], loop.Where(s => s.Id == "SV1").Select(s => s[2]));
        Assert.Equal(["1", "2", "3"], loop.Where(s => s.Id == "LX").Select(s => s[1]));
    }

    [Fact]
    public void Write_AGroupOfFive_PointsEverySv107AtAnHiCodeThatExists_ThePrincipalFirst()
    {
        var claims = ClaimLoops(WrittenAndParsed(Claimed.Batch(GroupOfFive)).TransactionSets.Single());

        foreach (var claim in claims)
        {
            var hi = Assert.Single(claim, s => s.Id == "HI");
            var codes = hi.Elements.Select((_, i) => hi.Component(i + 1, 2)).ToList();
            Assert.Equal("ABK", hi.Component(1, 1));
            Assert.All(hi.Elements.Skip(1), e => Assert.StartsWith("ABF:", e, StringComparison.Ordinal));
            Assert.All(codes, c => Assert.DoesNotContain(".", c, StringComparison.Ordinal));
            foreach (var line in claim.Where(s => s.Id == "SV1"))
            {
                var pointers = line[7].Split(':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
                Assert.NotEmpty(pointers);
                Assert.All(pointers, p => Assert.InRange(p, 1, codes.Count));
            }
        }

        Assert.Equal(["F4310", "Z630", "F411"], claims[1].Single(s => s.Id == "HI").Elements.Select(e => e.Split(':')[1]));
        Assert.Equal("1:2:3", claims[1].Single(s => s.Id == "SV1")[7]);
    }

    [Fact]
    public void Write_ATelehealthGroup_BillsModifier95AtPlace02OnEveryClaim()
    {
        var claims = ClaimLoops(WrittenAndParsed(Claimed.Batch(GroupOfFive)).TransactionSets.Single());

        Assert.All(claims, claim =>
        {
            Assert.Equal("02", claim[0].Component(5, 1));
            Assert.Equal(("B", "1"), (claim[0].Component(5, 2), claim[0].Component(5, 3)));
            var line = Assert.Single(claim, s => s.Id == "SV1");
            Assert.Equal(("HC", "90853", "95"), (line.Component(1, 1), line.Component(1, 2), line.Component(1, 3)));
            Assert.Equal("", line[5]);
        });
    }

    [Fact]
    public void Write_AGroupOfFive_WritesAPatientLoopOnlyForMembersCoveredBySomeoneElse()
    {
        var body = WrittenAndParsed(Claimed.Batch(GroupOfFive)).TransactionSets.Single().Body.ToList();
        var subscribers = body.Where(s => s is { Id: "NM1" } && s[1] == "IL").Select(s => s[3] + " " + s[9]);
        var patients = body.Where(s => s is { Id: "NM1" } && s[1] == "QC").Select(s => s[4]);
        var sbr = body.Where(s => s.Id == "SBR").Select(s => s[2]);

        Assert.Equal(["Lovelace XKJ-1234", "Rowe XKJ-2288", "Marsh XKJ-3141", "Okafor WQ-7701", "Okafor WQ-7702"], subscribers);
        Assert.Equal(["Amara", "Dev"], patients);
        Assert.Equal(["18", "18", "18", "", ""], sbr);
        Assert.Equal(["19", "01"], body.Where(s => s.Id == "PAT").Select(s => s[1]));
        var patientHl = body.FindIndex(s => s is { Id: "HL" } && s[3] == "23");
        Assert.Equal(["PAT", "NM1", "N3", "N4", "DMG", "CLM"], body.Skip(patientHl + 1).Take(6).Select(s => s.Id));
        Assert.Equal("20090630", body[patientHl + 5][2]);
    }

    [Fact]
    public void Write_ABatchHoldingAMissedSessionCharge_IsRefusedAndWritesNothing_Rule7()
    {
        var client = Billed.Insured(copay: 20m);
        var missed = Invoice.ForMissedSession(Billed.GroupSession(client), 25m, A.Today);
        var missedClaim = Claim.ForInvoice("C0099", missed, Claimed.Practice, Claimed.Self(), Claimed.BlueHarbor, ["F33.1"], Claimed.Morgan);

        var written = Claim837PWriter.Write(Claimed.Batch([.. GroupOfFive, missedClaim]));

        Assert.False(written.Succeeded);
        Assert.Contains(written.Refusals, r => r.Field == "invoice.kind" && r.Message.StartsWith("Claim C0099: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_ABatchWithAClaimMissingItsMemberId_NamesTheClaimAndTheField()
    {
        var written = Claim837PWriter.Write(Claimed.Batch(GroupOfFive[0], Claimed.GroupSessionClaim("C0007", Claimed.Self(memberId: ""))));

        var refusal = Assert.Single(written.Refusals);
        Assert.Equal("subscriber.memberId", refusal.Field);
        Assert.StartsWith("Claim C0007: ", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AnEmptyBatch_IsRefusedOnClaimIds() =>
        Assert.Equal("claimIds", Claim837PWriter.Write(Claimed.Batch()).First?.Field);

    [Fact]
    public void Write_ABatchHoldingTheSameClaimIdTwice_IsRefusedOnClaimIds()
    {
        var refusal = Assert.Single(Claim837PWriter.Write(Claimed.Batch(GroupOfFive[0], GroupOfFive[1] with { ClaimId = "C0001" })).Refusals);

        Assert.Equal("claimIds", refusal.Field);
        Assert.StartsWith("Claim C0001 is in the batch twice", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AControlNumberOverNineDigits_IsRefused() =>
        Assert.Equal("controlNumbers", Claim837PWriter.Write(Claimed.Batch(GroupOfFive) with { Control = new ControlNumbers(1_000_000_000, 1, 1) }).First?.Field);

    [Fact]
    public void Write_ATestBatch_IsMarkedTestInIsa15() =>
        Assert.Equal("T", WrittenAndParsed(Claimed.Batch(GroupOfFive) with { Production = false }).Header[15]);

    [Fact]
    public void Write_ClaimsOfTwoPractices_WritesEachBillingProviderOnceWithItsOwnClaimsBelow()
    {
        var other = Claimed.Practice with { Name = "Harbor Street Annex", Npi = "1003000126" };
        var batch = Claimed.Batch(GroupOfFive[0], GroupOfFive[1] with { BillingProvider = other }, GroupOfFive[2]);

        var body = WrittenAndParsed(batch).TransactionSets.Single().Body.ToList();

        Assert.Equal(["1234567893", "1003000126"], body.Where(s => s is { Id: "NM1" } && s[1] == "85").Select(s => s[9]));
        Assert.Equal(["1:20", "2:22", "3:22", "4:20", "5:22"], body.Where(s => s.Id == "HL").Select(s => $"{s[1]}:{s[3]}"));
        Assert.Equal(["", "1", "1", "", "4"], body.Where(s => s.Id == "HL").Select(s => s[2]));
    }
}
