namespace Caseload.Web.Auth;

/// <summary>
/// Writes a <c>refused</c> entry for every request a signed-in person was forbidden (403, or the pages'
/// redirect to Access denied): the one place that sees the refusals of policies, pages and use cases alike.
/// A record outside the asker's caseload answers 404 like one that does not exist, and is not recorded.
/// </summary>
internal sealed class AuditRefusals(RequestDelegate next)
{
    private static readonly Dictionary<string, string> EntityBySegment = new(StringComparer.OrdinalIgnoreCase)
    {
        ["clients"] = AuditEntities.Client,
        ["appointments"] = AuditEntities.Appointment,
        ["series"] = AuditEntities.Appointment,
        ["groups"] = AuditEntities.Client,
        ["notes"] = AuditEntities.Note,
        ["invoices"] = AuditEntities.Invoice,
        ["payments"] = AuditEntities.Payment,
        ["billing"] = AuditEntities.Invoice,
        ["claims"] = AuditEntities.Claim,
        ["reports"] = AuditEntities.Report,
        ["users"] = AuditEntities.User,
    };

    public async Task InvokeAsync(HttpContext context, AuditTrail audit)
    {
        await next(context);
        var response = context.Response;
        var refused = response.StatusCode == StatusCodes.Status403Forbidden
            || (response.StatusCode == StatusCodes.Status302Found && response.Headers.Location.ToString().Contains("/Account/AccessDenied", StringComparison.Ordinal));
        if (!refused || context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var segments = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var rest = segments.SkipWhile(s => s is "api" or "v1").ToArray();
        var entity = rest.Length > 0 ? EntityBySegment.GetValueOrDefault(rest[0], AuditEntities.Practice) : AuditEntities.Practice;
        var id = rest.Length > 1 ? rest[1] : "";
        var clientId = entity == AuditEntities.Client && rest[0].Equals("clients", StringComparison.OrdinalIgnoreCase) && id.Length > 0 ? id : null;
        await audit.RecordAsync(
            [new AuditEvent(AuditActions.Refused, entity, id, clientId, $"{context.Request.Method} {context.Request.Path}", Refused: true)],
            CancellationToken.None);
    }
}
