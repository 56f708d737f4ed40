using Caseload.Domain.Insurance;

namespace Caseload.Domain.Tests.Insurance;

/// <summary>An NPI is ten digits whose last is the Luhn check digit computed over 80840 and the first nine.</summary>
public class NpiTests
{
    [Theory]
    [InlineData("1234567893")]
    [InlineData("1245319599")]
    [InlineData("1003000126")]
    [InlineData(" 1234567893 ")]
    public void Parse_ANumberWhoseCheckDigitFitsTheLuhnSumOver80840_IsAccepted(string text)
    {
        var npi = Npi.Parse(text, "npi");

        Assert.True(npi.Succeeded);
        Assert.Equal(text.Trim(), npi.Value.Value);
    }

    [Theory]
    [InlineData("1234567890")]
    [InlineData("1245319590")]
    [InlineData("2134567893")]
    public void Parse_ANumberWithTheWrongCheckDigit_IsRefusedNamingTheField(string text)
    {
        var refusal = Assert.Single(Npi.Parse(text, "billingProvider.npi").Refusals);

        Assert.Equal(RefusalCodes.ValidationFailed, refusal.Code);
        Assert.Equal("billingProvider.npi", refusal.Field);
    }

    [Theory]
    [InlineData("123456789")]
    [InlineData("12345678931")]
    [InlineData("12345b7893")]
    [InlineData("1234 567893")]
    public void Parse_AnythingButTenDigits_IsRefused(string text) =>
        Assert.Equal("npi", Npi.Parse(text, "npi").First?.Field);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_NothingAtAll_AsksForTheNpi(string? text) =>
        Assert.Equal("Enter the 10-digit NPI.", Npi.Parse(text, "npi").First?.Message);
}
