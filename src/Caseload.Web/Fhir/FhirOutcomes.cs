using Hl7.Fhir.Model;

namespace Caseload.Web.Fhir;

/// <summary>
/// Errors as OperationOutcome, the FHIR way: one place says which issue code and status each refusal carries,
/// as <c>Api/Problems.cs</c> does for the JSON API.
/// </summary>
public static class FhirOutcomes
{
    public static FhirResult NotFound(string type, string id) =>
        Answer(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{type}/{id} is not known.");

    public static FhirResult UnknownResource(string type) =>
        Answer(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported, $"This server does not serve the resource type '{type}'.");

    /// <summary>A search parameter this server does not support, refused because the client asked for strict handling.</summary>
    public static FhirResult Unsupported(string parameter, string type) =>
        Answer(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.NotSupported,
            $"The search parameter '{parameter}' is not supported on {type}.", parameter);

    public static FhirResult Invalid(string parameter, string message) =>
        Answer(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, message, parameter);

    /// <summary>A bare status (no token, not allowed, an unknown route, a failure) given a body.</summary>
    public static OperationOutcome ForStatus(int status) => Outcome(status switch
    {
        StatusCodes.Status401Unauthorized => (OperationOutcome.IssueType.Login, "Sign in: send Authorization: Bearer with an access token."),
        StatusCodes.Status403Forbidden => (OperationOutcome.IssueType.Forbidden, "You are not allowed to do this."),
        StatusCodes.Status404NotFound => (OperationOutcome.IssueType.NotFound, "Not found."),
        StatusCodes.Status405MethodNotAllowed => (OperationOutcome.IssueType.NotSupported, "This server only reads and searches."),
        StatusCodes.Status429TooManyRequests => (OperationOutcome.IssueType.Throttled, "Too many requests: try again shortly."),
        >= 500 => (OperationOutcome.IssueType.Exception, "The server failed to answer. The failure is logged."),
        _ => (OperationOutcome.IssueType.Processing, $"The request was refused ({status})."),
    });

    private static FhirResult Answer(int status, OperationOutcome.IssueType code, string message, string? parameter = null) =>
        new(Outcome((code, message), parameter), status);

    private static OperationOutcome Outcome((OperationOutcome.IssueType Code, string Message) issue, string? parameter = null) => new()
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = issue.Code,
                Diagnostics = issue.Message,
                Details = parameter is null ? null : new CodeableConcept { Text = $"Search parameter: {parameter}" },
            },
        ],
    };
}
