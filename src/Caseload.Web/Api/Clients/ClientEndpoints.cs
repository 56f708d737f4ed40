using Caseload.Web.Auth;
using Caseload.Web.Features.Clients;
using Caseload.Web.Features.Portal;

namespace Caseload.Web.Api.Clients;

internal static class ClientEndpoints
{
    public static void MapClients(this RouteGroupBuilder api)
    {
        var clients = api.MapGroup("/clients").WithTags("Clients");

        clients.MapGet("/", async (string? q, string? clinicianId, string? status, int? page, int? pageSize, ClientSearch search, CancellationToken ct) =>
        {
            var result = await search.FindAsync(new ClientQuery(q, clinicianId, status, page ?? 1, pageSize ?? 25), ct);
            return Results.Ok(new ClientPage([.. result.Clients.Select(ClientDto.From)], result.Total, result.Page, result.PageSize));
        });

        clients.MapGet("/{id}", async (string id, ClientSearch search, CancellationToken ct) =>
            await search.FindAsync(id, ct) is { } client ? Results.Ok(ClientDto.From(client)) : Problems.NotFound());

        clients.MapPost("/", async (ClientInput input, CreateClient create, CancellationToken ct) =>
            {
                var outcome = await create.HandleAsync(new CreateClientCommand(input.ClinicianId, input.ToEntry(), DuplicateConfirmed: true), ct);
                return outcome.Succeeded
                    ? Results.Created($"/api/v1/clients/{outcome.Value.Client.Id}", CreatedClientDto.From(outcome.Value))
                    : Problems.For(outcome.AsOutcome);
            })
            .RequireAuthorization(Policies.Schedules);

        clients.MapPut("/{id}", async (string id, ClientInput input, ChangeClient change, CancellationToken ct) =>
                Problems.Ok(await change.HandleAsync(new ChangeClientCommand(id, input.ClinicianId, input.ToEntry()), ct), ClientDto.From))
            .RequireAuthorization(Policies.Schedules);

        clients.MapPut("/{id}/billing", async (string id, BillingInput input, ChangeClientBilling change, CancellationToken ct) =>
                Problems.Ok(await change.HandleAsync(input.ToCommand(id), ct), ClientDto.From))
            .RequireAuthorization(Policies.TakesPayments);

        clients.MapPost("/{id}/discharge", async (string id, DischargeClient discharge, CancellationToken ct) =>
                Problems.NoContent(await discharge.HandleAsync(new DischargeClientCommand(id), ct)))
            .RequireAuthorization(Policies.Schedules);

        clients.MapPost("/{id}/portal-invite", async (string id, HttpRequest request, InviteToPortal invite, CancellationToken ct) =>
            {
                var outcome = await invite.HandleAsync(new InviteToPortalCommand(id, PortalAddress.SignIn(request)), ct);
                return outcome.Succeeded ? Results.Accepted() : Problems.For(outcome);
            })
            .RequireAuthorization(Policies.Schedules);

        clients.MapDelete("/{id}/portal-invite", async (string id, WithdrawPortalInvitation withdraw, CancellationToken ct) =>
                Problems.NoContent(await withdraw.HandleAsync(new WithdrawPortalInvitationCommand(id), ct)))
            .RequireAuthorization(Policies.Schedules);

        clients.MapPost("/{id}/readmit", async (string id, ReadmitClient readmit, CancellationToken ct) =>
                Problems.NoContent(await readmit.HandleAsync(new ReadmitClientCommand(id), ct)))
            .RequireAuthorization(Policies.Schedules);
    }
}
