using Caseload.Domain.Insurance;

namespace Caseload.Domain.Tests.Insurance;

/// <summary>The parser takes its separators from ISA and refuses a file whose envelopes disagree with what they hold.</summary>
public class X12ParserTests
{
    private static string Malformed(string text)
    {
        var parsed = X12Parser.Parse(text);
        Assert.Equal(RefusalCodes.MalformedRequest, parsed.First?.Code);
        return parsed.First!.Message;
    }

    [Fact]
    public void Parse_TheHandWrittenRemittance_GivesItsEnvelopesAndSegmentsInOrder()
    {
        var interchange = X12Parser.Parse(Remitted.FourClaims).Value;

        var set = Assert.Single(Assert.Single(interchange.Groups).TransactionSets);
        Assert.Equal("835", set.Code);
        Assert.Equal(34, set.Segments.Count);
        Assert.Equal(["ST", "BPR", "TRN"], set.Segments.Take(3).Select(s => s.Id));
        Assert.Equal("SE", set.Segments[^1].Id);
    }

    [Fact]
    public void Parse_UsesTheSeparatorsTheIsaDeclares()
    {
        var piped = Remitted.FourClaims.Replace('*', '|').Replace(':', '>').Replace("~\n", "\n", StringComparison.Ordinal).Replace("~", "\n", StringComparison.Ordinal);

        var svc = X12Parser.Parse(piped).Value.TransactionSets.Single().Segments.First(s => s.Id == "SVC");

        Assert.Equal(("HC", "90853", "95"), (svc.Component(1, 1), svc.Component(1, 2), svc.Component(1, 3)));
        Assert.Equal("60", svc[2]);
        Assert.Equal("", svc[9]);
    }

    [Fact]
    public void Parse_AnSeCountingOneSegmentTooMany_IsRefused() =>
        Assert.StartsWith("SE says 35 segments", Malformed(Remitted.FourClaims.Replace("SE*34*", "SE*35*", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Parse_AFileMissingASegment_IsRefusedByItsSeCount() =>
        Assert.StartsWith("SE says 34 segments", Malformed(Remitted.FourClaims.Replace("AMT*B6*60~\n", "", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Parse_AnSeWithAnotherControlNumberThanItsSt_IsRefused() =>
        Assert.Contains("control number 0002", Malformed(Remitted.FourClaims.Replace("SE*34*0001", "SE*34*0002", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Parse_AGeCountingTwoTransactionSetsForOne_IsRefused() =>
        Assert.StartsWith("GE says 2 transaction sets", Malformed(Remitted.FourClaims.Replace("GE*1*501", "GE*2*501", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Parse_AnIeaWhoseControlNumberIsNotTheIsas_IsRefused() =>
        Assert.StartsWith("IEA says 1 groups with control number 000000502", Malformed(Remitted.FourClaims.Replace("IEA*1*000000501", "IEA*1*000000502", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Parse_AFileCutShortBeforeIea_IsRefused() =>
        Assert.Equal("Expected GS or IEA, found the end of the file.", Malformed(Remitted.FourClaims[..Remitted.FourClaims.IndexOf("IEA", StringComparison.Ordinal)]));

    [Fact]
    public void Parse_ASecondInterchangeAfterIea_IsRefused() =>
        Assert.Equal("The file goes on after IEA: one interchange a file.", Malformed(Remitted.FourClaims + "\n" + Remitted.FourClaims));

    [Theory]
    [InlineData("")]
    [InlineData("GS*HP*BLUEHARBOR~")]
    [InlineData("ISA*00*~")]
    public void Parse_SomethingThatDoesNotStartWithAnIsa_IsRefused(string text) =>
        Assert.Equal("The file does not start with an ISA segment.", Malformed(text));
}
