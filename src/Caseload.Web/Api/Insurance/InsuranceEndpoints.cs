using System.Globalization;
using System.Text;
using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Features.Billing.Insurance;

namespace Caseload.Web.Api.Insurance;

internal static class InsuranceEndpoints
{
    public static void MapInsurance(this RouteGroupBuilder api)
    {
        api.MapPut("/clinicians/{id}", async (string id, ClinicianBillingInput input, ChangeClinicianBillingIdentity change, CancellationToken ct) =>
                Problems.Ok(await change.HandleAsync(new ChangeClinicianBillingIdentityCommand(id, input.Npi, input.Taxonomy), ct), ClinicianBillingDto.From))
            .RequireAuthorization(Policies.Administers)
            .WithTags("Insurance");

        var claims = api.MapGroup("/claims").WithTags("Insurance");
        claims.MapGet("", async (string? status, string? clientId, ClaimList list, CancellationToken ct) =>
            Problems.Ok(await list.ListAsync(status, clientId, ct, openAsReady: true), views => views.Select(ClaimDto.From).ToList()));

        claims.MapGet("/{id}", async (string id, ClaimList list, CancellationToken ct) =>
            await list.FindAsync(id, ct) is { } claim ? Results.Ok(ClaimDto.From(claim)) : Problems.NotFound());

        claims.MapPost("/batches", async (BatchInput input, BatchClaims batch, CancellationToken ct) =>
            {
                var outcome = await batch.HandleAsync(new BatchClaimsCommand(input.ClaimIds), ct);
                if (!outcome.Succeeded)
                {
                    return Problems.For(outcome.AsOutcome);
                }

                var id = outcome.Value.Number.ToString(CultureInfo.InvariantCulture);
                var file = $"/api/v1/claims/batches/{id}/837p";
                return Results.Created(file, new BatchDto(id, outcome.Value.ClaimIds, file));
            })
            .RequireAuthorization(Policies.ManagesBilling);

        claims.MapGet("/batches/{id}/837p", async (string id, DownloadClaimBatch download, CancellationToken ct) =>
            {
                if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    return Problems.NotFound();
                }

                var outcome = await download.HandleAsync(number, ct);
                return outcome.Succeeded
                    ? Results.File(Encoding.ASCII.GetBytes(outcome.Value.Interchange), ClaimBatchFile.MediaType, outcome.Value.FileName)
                    : Problems.For(outcome.AsOutcome);
            })
            .RequireAuthorization(Policies.ManagesBilling);

        api.MapPost("/remittances", async (HttpRequest request, ApplyRemittance apply, CancellationToken ct) =>
            {
                if (request.ContentLength > ApplyRemittance.MostCharacters)
                {
                    return Problems.Invalid("body", "Send the 835 file as the request body, at most 5 MB.");
                }

                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                var text = await reader.ReadToEndAsync(ct);
                return Problems.Ok(await apply.HandleAsync(text, ct), RemittanceDto.From);
            })
            .Accepts<string>("application/edi-x12", "text/plain")
            .RequireAuthorization(Policies.ManagesBilling)
            .WithTags("Insurance");

        api.MapGet("/remittances/unmatched", async (UnmatchedRemittanceList list, CancellationToken ct) =>
                (await list.ListAsync(ct)).Select(UnmatchedRemittanceDto.From).ToList())
            .RequireAuthorization(Policies.ManagesBilling)
            .WithTags("Insurance");

        api.MapPost("/payer-payments", async (PayerPaymentInput input, PostPayerPayment post, CancellationToken ct) =>
            {
                var command = input.ToCommand();
                return command.Succeeded ? Created(await post.HandleAsync(command.Value, ct)) : Problems.For(command.AsOutcome);
            })
            .RequireAuthorization(Policies.ManagesBilling)
            .WithTags("Insurance");

        api.MapPost("/payer-payments/takebacks", async (TakebackInput input, TakeBackPayerPayment takeBack, CancellationToken ct) =>
            {
                var command = input.ToCommand();
                return command.Succeeded ? Created(await takeBack.HandleAsync(command.Value, ct)) : Problems.For(command.AsOutcome);
            })
            .RequireAuthorization(Policies.ManagesBilling)
            .WithTags("Insurance");

        api.MapGet("/billing/claims-by-status", async (ClaimsByStatus report, CancellationToken ct) =>
                (await report.ReadAsync(ct)).Select(t => new ClaimStatusTotalDto(t.Status, t.Claims, t.Billed, t.Paid, t.PayerBalance)).ToList())
            .RequireAuthorization(Policies.ManagesBilling)
            .WithTags("Insurance");

        api.MapGet("/clients/{id}/superbill", async (string id, string? from, string? to, Superbill superbill, CancellationToken ct) =>
            {
                var (start, end, refusals) = Wire.ParseRange(from, to, Superbill.MostDays);
                return refusals.Count > 0 ? Problems.Validation(refusals) : Problems.Ok(await superbill.ForAsync(id, start, end, ct), SuperbillDto.From);
            })
            .RequireAuthorization(Policies.TakesPayments)
            .WithTags("Insurance");
    }

    private static IResult Created(Outcome<PayerPaymentView> outcome) => outcome.Succeeded
        ? Results.Created($"/api/v1/payer-payments/{outcome.Value.Id}", PayerPaymentDto.From(outcome.Value))
        : Problems.For(outcome.AsOutcome);
}
