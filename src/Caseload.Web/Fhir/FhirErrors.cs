using Microsoft.AspNetCore.Diagnostics;

namespace Caseload.Web.Fhir;

/// <summary>
/// Under <c>/fhir</c> every error answer is an OperationOutcome, including the bare ones the platform makes
/// (no token, a role that may not, an unknown route, a failure), where the JSON API answers problem details.
/// </summary>
public static class FhirErrors
{
    public static bool IsFhir(this HttpContext context) => context.Request.Path.StartsWithSegments("/fhir");

    public static IApplicationBuilder UseFhirErrors(this IApplicationBuilder app) => app
        .UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => Write(context, context.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad
                ? bad.StatusCode
                : StatusCodes.Status500InternalServerError),
        })
        .UseStatusCodePages(new StatusCodePagesOptions { HandleAsync = status => Write(status.HttpContext, status.HttpContext.Response.StatusCode) });

    private static Task Write(HttpContext context, int status) =>
        new FhirResult(FhirOutcomes.ForStatus(status), status).ExecuteAsync(context);
}
