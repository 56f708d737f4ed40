namespace Caseload.Domain.Billing;

/// <summary>An amount in the practice currency, always whole cents.</summary>
/// <remarks>Rounded half away from zero, the convention of invoices and statements, so a line
/// total never differs from what a person computes by hand.</remarks>
public readonly record struct Money
{
    public Money(decimal amount) => Amount = Round(amount);

    public decimal Amount { get; }

    public static Money Zero => new(0m);

    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount);

    public static Money operator -(Money a, Money b) => new(a.Amount - b.Amount);

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    public override string ToString() => Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
