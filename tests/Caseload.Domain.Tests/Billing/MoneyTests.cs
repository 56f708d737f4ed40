using Caseload.Domain.Billing;

namespace Caseload.Domain.Tests.Billing;

public class MoneyTests
{
    [Theory]
    [InlineData("10.005", "10.01")]
    [InlineData("10.004", "10.00")]
    [InlineData("-10.005", "-10.01")]
    [InlineData("0.125", "0.13")]
    public void NewMoney_RoundsToCentsHalfAwayFromZero(string amount, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            new Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).Amount);
    }

    [Fact]
    public void Adding_KeepsWholeCents()
    {
        Assert.Equal(new Money(0.30m), new Money(0.10m) + new Money(0.20m));
        Assert.Equal("0.10", (new Money(0.30m) - new Money(0.20m)).ToString());
    }
}
