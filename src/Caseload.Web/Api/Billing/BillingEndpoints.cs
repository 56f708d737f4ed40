using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Billing;

namespace Caseload.Web.Api.Billing;

internal static class BillingEndpoints
{
    /// <summary>Claims are filed within a year or so of the service; two years covers any late filing.</summary>
    private const int MaxClaimDays = 731;

    public static void MapBilling(this RouteGroupBuilder api)
    {
        api.MapGet("/invoices", async (string? clientId, string? appointmentId, InvoiceList invoices, CancellationToken ct) =>
                (await invoices.ForAsync(clientId, appointmentId, ct)).Select(InvoiceDto.From).ToList())
            .WithTags("Billing");

        api.MapGet("/invoices/{id}", async (string id, InvoiceList invoices, CancellationToken ct) =>
                await invoices.FindAsync(id, ct) is { } invoice ? Results.Ok(InvoiceDto.From(invoice)) : Problems.NotFound())
            .WithTags("Billing");

        api.MapPost("/invoices/{id}/void", async (string id, VoidInput input, VoidInvoice voidInvoice, CancellationToken ct) =>
                Problems.Ok(await voidInvoice.HandleAsync(new VoidInvoiceCommand(id, input.Reason), ct), InvoiceDto.From))
            .RequireAuthorization(Policies.ManagesBilling)
            .WithTags("Billing");

        api.MapPost("/payments", async (PaymentInput input, TakePayment takePayment, CancellationToken ct) =>
            {
                var command = input.ToCommand();
                if (!command.Succeeded)
                {
                    return Problems.For(command.AsOutcome);
                }

                var payment = await takePayment.HandleAsync(command.Value, ct);
                return Created(payment);
            })
            .RequireAuthorization(Policies.TakesPayments)
            .WithMetadata(new IdempotentAttribute())
            .WithTags("Billing");

        api.MapPost("/payments/{id}/refund", async (string id, RefundInput input, RefundPayment refundPayment, CancellationToken ct) =>
                Created(await refundPayment.HandleAsync(new RefundPaymentCommand(id, input.Amount ?? 0, input.Reference), ct)))
            .RequireAuthorization(Policies.ManagesBilling)
            .WithTags("Billing");

        api.MapGet("/clients/{id}/ledger", async (string id, ClientLedger ledgers, CaseloadDbContext db, CancellationToken ct) =>
                await ledgers.FindAsync(id, ct) is { } ledger ? Results.Ok(LedgerDto.From(ledger, await db.ZoneAsync(ct))) : Problems.NotFound())
            .WithTags("Billing");

        api.MapGet("/billing/outstanding", async (OutstandingBalances outstanding, CancellationToken ct) =>
                OutstandingDto.From(await outstanding.ReadAsync(ct)))
            .RequireAuthorization(Policies.TakesPayments)
            .WithTags("Billing");

        api.MapGet("/billing/claims.csv", async (string? from, string? to, ClaimsExport claims, CancellationToken ct) =>
            {
                var (start, end, refusals) = Wire.ParseRange(from, to, MaxClaimDays);
                if (refusals.Count > 0)
                {
                    return Problems.Validation(refusals);
                }

                var csv = await claims.CsvAsync(start, end, ct);
                return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv", $"claims-{from}-to-{to}.csv");
            })
            .RequireAuthorization(Policies.ManagesBilling)
            .WithTags("Billing");
    }

    private static IResult Created(Outcome<PaymentView> outcome) => outcome.Succeeded
        ? Results.Created($"/api/v1/payments/{outcome.Value.Id}", PaymentDto.From(outcome.Value))
        : Problems.For(outcome.AsOutcome);
}
