using Caseload.Domain.Billing;

namespace Caseload.Web.Features.Billing;

/// <summary>How the billing pages write statuses and payment methods (dates are the practice's format, <see cref="PageDates"/>).</summary>
public static class BillingFormat
{
    public static string Status(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Paid => "paid",
        InvoiceStatus.Void => "void",
        _ => "open",
    };

    /// <summary>Capitalised, as in a list of payments: Card, Cash, Check, Other.</summary>
    public static string Method(PaymentMethod method) => method.ToString();
}
