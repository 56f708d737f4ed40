using Caseload.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caseload.Web.Api;

/// <summary>Maps refusals to RFC 9457 problem details (API) and to form messages (pages), in one place each.</summary>
public static class Problems
{
    public const string ValidationFailed = "validation-failed";

    private static readonly Dictionary<string, int> StatusByCode = new()
    {
        [ValidationFailed] = StatusCodes.Status400BadRequest,
        ["malformed-request"] = StatusCodes.Status400BadRequest,
        ["client-not-yours"] = StatusCodes.Status403Forbidden,
        ["clinician-not-yours"] = StatusCodes.Status403Forbidden,
        ["forbidden"] = StatusCodes.Status403Forbidden,
        ["not-found"] = StatusCodes.Status404NotFound,
        ["precondition-failed"] = StatusCodes.Status412PreconditionFailed,
    };

    private static readonly Dictionary<int, string> CodeByStatus = new()
    {
        [400] = "bad-request",
        [401] = "unauthorized",
        [403] = "forbidden",
        [404] = "not-found",
        [405] = "method-not-allowed",
        [409] = "conflict",
        [412] = "precondition-failed",
        [415] = "unsupported-media-type",
        [500] = "server-error",
    };

    public static int StatusFor(string code) => StatusByCode.GetValueOrDefault(code, StatusCodes.Status409Conflict);

    /// <summary>Field errors become one 400 with per-field <c>errors</c>; a rule's refusal becomes its own status.</summary>
    public static IResult For(Outcome outcome)
    {
        var rule = outcome.Refusals.FirstOrDefault(r => r.Code != ValidationFailed);
        return rule is null ? Validation(outcome.Refusals) : Refused(rule);
    }

    public static IResult Refused(Refusal refusal) => TypedResults.Problem(
        statusCode: StatusFor(refusal.Code),
        title: refusal.Message,
        extensions: new Dictionary<string, object?> { ["code"] = refusal.Code });

    public static IResult Validation(IEnumerable<Refusal> refusals) => TypedResults.ValidationProblem(
        refusals.GroupBy(r => r.Field ?? "").ToDictionary(g => g.Key, g => g.Select(r => r.Message).ToArray()),
        title: "Some fields need attention.",
        extensions: new Dictionary<string, object?> { ["code"] = ValidationFailed });

    public static IResult NotFound() => Refused(new Refusal("not-found", "Not found."));

    public static IResult Invalid(string field, string message) => Validation([Refusal.Invalid(field, message)]);

    /// <summary>Every problem carries a stable <c>code</c>, also those the framework writes (401, 404, malformed JSON).</summary>
    public static void AddCode(ProblemDetailsContext context)
    {
        var extensions = context.ProblemDetails.Extensions;
        if (!extensions.ContainsKey("code"))
        {
            extensions["code"] = CodeByStatus.GetValueOrDefault(context.ProblemDetails.Status ?? 500, "error");
        }
    }

    /// <summary>
    /// Shows refusals beside the fields of a form whose inputs are named <c>{prefix}.{Field}</c>;
    /// <paramref name="rename"/> maps an API field name (<c>billing.payer</c>) to the form's where they differ.
    /// </summary>
    public static void AddTo(this ModelStateDictionary modelState, Outcome outcome, string prefix = "Input", Func<string, string>? rename = null)
    {
        foreach (var refusal in outcome.Refusals ?? [])
        {
            var key = refusal.Field is { Length: > 0 } field
                ? (prefix.Length > 0 ? prefix + "." : "") + (rename?.Invoke(field) ?? Pascal(field))
                : "";
            modelState.AddModelError(key, refusal.Message);
        }
    }

    private static string Pascal(string field) =>
        string.Join('.', field.Split('.').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
