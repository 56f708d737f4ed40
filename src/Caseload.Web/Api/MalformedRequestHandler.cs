using System.Text.Json;
using Caseload.Domain;
using Microsoft.AspNetCore.Diagnostics;

namespace Caseload.Web.Api;

/// <summary>
/// Malformed JSON or a field of the wrong type becomes a 400 problem naming the field, instead of
/// the framework's bare 400.
/// </summary>
internal sealed class MalformedRequestHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        if (bad.InnerException is not JsonException && bad.StatusCode != StatusCodes.Status400BadRequest)
        {
            await TypedResults.Problem(statusCode: bad.StatusCode, title: bad.Message).ExecuteAsync(httpContext);
            return true;
        }

        var field = bad.InnerException is JsonException { Path: { Length: > 2 } path }
            ? path.TrimStart('$', '.')
            : "";
        var message = field.Length > 0
            ? $"The value given for {field} is not of the right type."
            : "The request body is not valid JSON for this endpoint.";
        var result = Problems.Validation([new Refusal("malformed-request", message, field)]);
        await result.ExecuteAsync(httpContext);
        return true;
    }
}
