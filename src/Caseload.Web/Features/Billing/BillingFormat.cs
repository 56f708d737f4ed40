using Caseload.Domain.Billing;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Billing;

/// <summary>How the billing pages write dates, statuses and payment methods.</summary>
public static class BillingFormat
{
    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static string Status(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Paid => "paid",
        InvoiceStatus.Void => "void",
        _ => "open",
    };

    /// <summary>Capitalised, as in a list of payments: Card, Cash, Check, Other.</summary>
    public static string Method(PaymentMethod method) => method.ToString();
}
