using Caseload.Domain;
using Caseload.Web.Api;
using Caseload.Web.Auth;
using Caseload.Web.Features.Scheduling;

namespace Caseload.Web.Features.Billing;

internal static class BillingEndpoints
{
    /// <summary>Claims are filed within a year or so of the service; two years covers any late filing.</summary>
    private const int MaxClaimDays = 731;

    public static void MapBilling(this RouteGroupBuilder api)
    {
        string[] billers = [Roles.Administrator, Roles.Biller];
        string[] takePayments = [Roles.Administrator, Roles.Biller, Roles.Scheduler];

        api.MapGet("/invoices", async (string? clientId, string? appointmentId, BillingWork work, CancellationToken ct) =>
                await work.InvoicesAsync(clientId, appointmentId, ct))
            .WithTags("Billing");

        api.MapGet("/invoices/{id}", async (string id, BillingWork work, CancellationToken ct) =>
                await work.InvoiceAsync(id, ct) is { } invoice ? Results.Ok(invoice) : Problems.NotFound())
            .WithTags("Billing");

        api.MapPost("/invoices/{id}/void", async (string id, VoidInput input, BillingWork work, CancellationToken ct) =>
                Answer(await work.VoidAsync(id, input.Reason, ct)))
            .RequireAuthorization(p => p.RequireRole(billers))
            .WithTags("Billing");

        api.MapPost("/payments", async (PaymentInput input, BillingWork work, CancellationToken ct) =>
            {
                var (payment, outcome) = await work.ReceiveAsync(input, ct);
                return payment is null ? Problems.For(outcome) : Results.Created($"/api/v1/payments/{payment.Id}", payment);
            })
            .RequireAuthorization(p => p.RequireRole(takePayments))
            .WithTags("Billing");

        api.MapPost("/payments/{id}/refund", async (string id, RefundInput input, BillingWork work, CancellationToken ct) =>
            {
                var (refund, outcome) = await work.RefundAsync(id, input, ct);
                return refund is null ? Problems.For(outcome) : Results.Created($"/api/v1/payments/{refund.Id}", refund);
            })
            .RequireAuthorization(p => p.RequireRole(billers))
            .WithTags("Billing");

        api.MapGet("/clients/{id}/ledger", async (string id, BillingWork work, CancellationToken ct) =>
                await work.LedgerAsync(id, ct) is { } ledger ? Results.Ok(ledger) : Problems.NotFound())
            .WithTags("Billing");

        api.MapGet("/billing/outstanding", async (BillingReports reports, CancellationToken ct) => await reports.OutstandingAsync(ct))
            .RequireAuthorization(p => p.RequireRole(takePayments))
            .WithTags("Billing");

        api.MapGet("/billing/claims.csv", async (string? from, string? to, BillingReports reports, CancellationToken ct) =>
            {
                var (start, end, refusals) = Wire.ParseRange(from, to, MaxClaimDays);
                if (refusals.Count > 0)
                {
                    return Problems.Validation(refusals);
                }

                var csv = await reports.ClaimsCsvAsync(start, end, ct);
                return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv", $"claims-{from}-to-{to}.csv");
            })
            .RequireAuthorization(p => p.RequireRole(billers))
            .WithTags("Billing");
    }

    private static IResult Answer((InvoiceDto? Invoice, Outcome Outcome) result) =>
        result.Invoice is null ? Problems.For(result.Outcome) : Results.Ok(result.Invoice);
}
