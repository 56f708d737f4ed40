using Caseload.Domain.Insurance;

namespace Caseload.Domain.Tests.Insurance;

/// <summary>ICD-10-CM by format: a letter, a digit, a letter or digit, then optionally a dot and one to four more.</summary>
public class DiagnosisCodeTests
{
    [Theory]
    [InlineData("F33.1", "F33.1")]
    [InlineData("F41.1", "F41.1")]
    [InlineData("Z63.0", "Z63.0")]
    [InlineData("F43.10", "F43.10")]
    [InlineData("F32.A", "F32.A")]
    [InlineData("F84", "F84")]
    [InlineData("T74.11XA", "T74.11XA")]
    [InlineData(" f33.1 ", "F33.1")]
    public void Parse_AnIcd10CmCode_IsAcceptedInUpperCase(string text, string expected) =>
        Assert.Equal(expected, DiagnosisCode.Parse(text, "diagnosisCodes[0]").Value.Value);

    [Theory]
    [InlineData("296.32")]
    [InlineData("F3")]
    [InlineData("F33.")]
    [InlineData("F33.12345")]
    [InlineData("F33-1")]
    [InlineData("F331")]
    [InlineData("FF3.1")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_AnythingElse_IsRefusedNamingTheField(string? text)
    {
        var refusal = Assert.Single(DiagnosisCode.Parse(text, "diagnosisCodes[1]").Refusals);

        Assert.Equal(RefusalCodes.ValidationFailed, refusal.Code);
        Assert.Equal("diagnosisCodes[1]", refusal.Field);
    }

    [Fact]
    public void Unpunctuated_IsTheCodeWithoutItsDot_AsAClaimCarriesIt() =>
        Assert.Equal("F4310", DiagnosisCode.Parse("F43.10", "code").Value.Unpunctuated);
}
