using Caseload.Web.Auth;
using Caseload.Web.Data;
using NodaTime.Text;

namespace Caseload.Web.Api.Audit;

/// <summary>One audit entry on the wire.</summary>
public sealed record AuditEntryDto(
    string Id, string At, string UserId, string UserName, string Action, string EntityType, string EntityId,
    string? ClientId, string Ip, string Outcome, string? Detail)
{
    public static AuditEntryDto From(AuditEntry e) => new(
        e.Id, InstantPattern.ExtendedIso.Format(e.At), e.UserId, e.UserName, e.Action, e.EntityType, e.EntityId, e.ClientId, e.Ip, e.Outcome, e.Detail);
}

public sealed record AuditPageDto(IReadOnlyList<AuditEntryDto> Items, string? Next);

public sealed record AuditVerificationDto(long Entries, bool Valid, string? FirstBrokenId);

internal static class AuditEndpoints
{
    public static void MapAudit(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").RequireAuthorization(Policies.Administers).WithTags("Audit");

        audit.MapGet("/", async (string? clientId, string? userId, string? entityType, string? action, string? from, string? to, string? cursor, int? limit,
                AuditLog log, CancellationToken ct) =>
            Problems.Ok(await log.PageAsync(new AuditQuery(clientId, userId, entityType, action, from, to, cursor, limit ?? AuditLog.PageSize), ct),
                page => new AuditPageDto([.. page.Items.Select(AuditEntryDto.From)], page.Next)));

        audit.MapGet("/verify", async (AuditLog log, CancellationToken ct) =>
        {
            var result = await log.VerifyAsync(ct);
            return Results.Ok(new AuditVerificationDto(result.Entries, result.Valid, result.FirstBrokenId));
        });
    }
}
