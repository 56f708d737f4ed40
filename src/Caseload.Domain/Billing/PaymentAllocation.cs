namespace Caseload.Domain.Billing;

/// <summary>How a payment is spread over a client's invoices when the person taking it names no amounts.</summary>
public static class PaymentAllocation
{
    /// <summary>
    /// A payment with no invoice chosen pays the client's oldest open invoices first (by service
    /// date); the rest is credit.
    /// </summary>
    public static IReadOnlyList<(Invoice Invoice, decimal Amount)> OldestFirst(decimal amount, IEnumerable<Invoice> invoices)
    {
        var applyTo = new List<(Invoice, decimal)>();
        var open = invoices.Where(i => i.Status == InvoiceStatus.Open && i.ClientBalance > 0)
            .OrderBy(i => i.ServiceDate).ThenBy(i => i.Id, StringComparer.Ordinal);
        foreach (var invoice in open)
        {
            var applied = Math.Min(invoice.ClientBalance, amount);
            if (applied <= 0)
            {
                break;
            }

            applyTo.Add((invoice, applied));
            amount -= applied;
        }

        return applyTo;
    }

    /// <summary>
    /// Paying one invoice more than it owes leaves the rest as the client's credit: the invoice is
    /// paid up to its balance. An invoice that owes nothing is named with the whole amount, for
    /// <see cref="Payment.Receive"/> to refuse.
    /// </summary>
    public static IReadOnlyList<(Invoice Invoice, decimal Amount)> ToOne(Invoice invoice, decimal amount) =>
        [(invoice, invoice.ClientBalance > 0 ? Math.Min(amount, invoice.ClientBalance) : amount)];
}
