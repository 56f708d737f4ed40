using Caseload.Domain.Notes;

namespace Caseload.Domain.Tests.Notes;

/// <summary>Rule 12: a member's risk is one of four levels; anything else is refused before the draft is saved.</summary>
public class RiskTests
{
    [Theory]
    [InlineData("none", Risk.None)]
    [InlineData("Low", Risk.Low)]
    [InlineData("MODERATE", Risk.Moderate)]
    [InlineData("high", Risk.High)]
    public void Risk_NamedInAnyCase_IsThatLevel_Rule12(string text, Risk level) =>
        Assert.Equal(level, Risks.Parse(text).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Risk_LeftBlank_IsNone_Rule12(string? text) =>
        Assert.Equal(Risk.None, Risks.Parse(text).Value);

    [Fact]
    public void Risk_OutsideTheFourLevels_IsRefusedNamingMembersRisk_Rule12()
    {
        var refusal = Risks.Parse("extreme").First;

        Assert.Equal((RefusalCodes.ValidationFailed, "members.risk"), (refusal?.Code, refusal?.Field));
    }
}
