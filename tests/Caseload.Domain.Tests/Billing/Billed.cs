using Caseload.Domain.Billing;
using Caseload.Domain.Clients;
using Caseload.Domain.Tests.Infrastructure;
using NodaTime;

namespace Caseload.Domain.Tests.Billing;

/// <summary>Clients with billing settings and the sessions they are billed for, as the billing tests say them.</summary>
internal static class Billed
{
    /// <summary>Tuesday 1 December 2026, 10:00 in New York.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 12, 1, 15, 0);

    public const decimal GroupFee = 60.00m;

    public static Client SelfPay(decimal? rate = null) => WithBilling(BillingSettings.SelfPay(rate));

    public static Client Insured(decimal copay, string payer = "Blue Harbor Health", string memberId = "XKJ-1234") =>
        WithBilling(BillingSettings.Insurance(payer, memberId, copay));

    /// <summary>A 90853 group session today at the practice fee, in a room unless <paramref name="telehealth"/>.</summary>
    public static BilledSession GroupSession(
        Client client, decimal practiceFee = GroupFee, bool telehealth = false, string appointmentId = "appointment-1", LocalDate? serviceDate = null) =>
        new(appointmentId, client.Id, serviceDate ?? A.Today, "90853", "Group psychotherapy (not a multiple-family group)", practiceFee, telehealth);

    public static Invoice ServiceInvoice(Client client, decimal practiceFee = GroupFee, string appointmentId = "appointment-1", LocalDate? serviceDate = null) =>
        Invoice.ForSession(GroupSession(client, practiceFee, appointmentId: appointmentId, serviceDate: serviceDate), client.Billing, A.Today);

    public static Payment Paid(Client client, decimal amount, params (Invoice Invoice, decimal Amount)[] applyTo)
    {
        var (payment, outcome) = Payment.Receive(client.Id, amount, PaymentMethod.Card, A.Today, null, applyTo, Now);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Refusals.Select(r => r.Message)));
        return payment!;
    }

    private static Client WithBilling(BillingSettings billing)
    {
        var client = A.Client().Build();
        Assert.True(client.ChangeBilling(billing, missedSessionFee: null).Succeeded);
        return client;
    }
}
