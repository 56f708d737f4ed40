using Caseload.Domain.Clients;
using Caseload.Web.Api;
using Caseload.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Clients;

public sealed record ClientPage(IReadOnlyList<ClientDto> Items, int Total, int Page, int PageSize);

internal static class ClientEndpoints
{
    public static void MapClients(this RouteGroupBuilder api)
    {
        var clients = api.MapGroup("/clients").WithTags("Clients");
        var caseloadStaff = new[] { Roles.Administrator, Roles.Scheduler, Roles.Clinician };

        clients.MapGet("/", async (string? q, string? clinicianId, string? status, int? page, int? pageSize, ClientSearch search, CancellationToken ct) =>
        {
            var result = await search.FindAsync(new ClientQuery(q, clinicianId, status, page ?? 1, pageSize ?? 25), ct);
            return Results.Ok(new ClientPage([.. result.Clients.Select(ClientDto.From)], result.Total, result.Page, result.PageSize));
        });

        clients.MapGet("/{id}", async (string id, Caseloads caseloads, CancellationToken ct) =>
            await (await caseloads.ClientsAsync(ct)).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } client
                ? Results.Ok(ClientDto.From(client))
                : Problems.NotFound());

        clients.MapPost("/", async (ClientInput input, SaveClient save, CancellationToken ct) =>
            {
                var (saved, outcome) = await save.CreateAsync(input, duplicateConfirmed: true, ct);
                return outcome.Succeeded
                    ? Results.Created($"/api/v1/clients/{saved!.Client.Id}", new { saved.Client, saved.Warnings })
                    : Problems.For(outcome);
            })
            .RequireAuthorization(p => p.RequireRole(caseloadStaff));

        clients.MapPut("/{id}", async (string id, ClientInput input, SaveClient save, CancellationToken ct) =>
            {
                var (saved, outcome) = await save.UpdateAsync(id, input, ct);
                return outcome.Succeeded ? Results.Ok(saved) : Problems.For(outcome);
            })
            .RequireAuthorization(p => p.RequireRole(caseloadStaff));

        clients.MapPut("/{id}/billing", async (string id, BillingInput input, SaveClient save, CancellationToken ct) =>
            {
                var (saved, outcome) = await save.ChangeBillingAsync(id, input, ct);
                return outcome.Succeeded ? Results.Ok(saved) : Problems.For(outcome);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Administrator, Roles.Biller, Roles.Scheduler));

        clients.MapPost("/{id}/discharge", (string id, SaveClient save, CancellationToken ct) => SetActive(id, false, save, ct))
            .RequireAuthorization(p => p.RequireRole(caseloadStaff));

        clients.MapPost("/{id}/readmit", (string id, SaveClient save, CancellationToken ct) => SetActive(id, true, save, ct))
            .RequireAuthorization(p => p.RequireRole(caseloadStaff));
    }

    private static async Task<IResult> SetActive(string id, bool active, SaveClient save, CancellationToken ct)
    {
        var outcome = await save.SetActiveAsync(id, active, ct);
        return outcome.Succeeded ? Results.NoContent() : Problems.For(outcome);
    }
}
