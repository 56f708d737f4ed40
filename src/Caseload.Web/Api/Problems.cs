using Caseload.Domain;

namespace Caseload.Web.Api;

/// <summary>Maps refusals to RFC 9457 problem details: the one place the API turns a refusal into a status.</summary>
public static class Problems
{
    public const string ValidationFailed = RefusalCodes.ValidationFailed;

    private static readonly Dictionary<string, int> StatusByCode = new()
    {
        [ValidationFailed] = StatusCodes.Status400BadRequest,
        [RefusalCodes.MalformedRequest] = StatusCodes.Status400BadRequest,
        [RefusalCodes.ClientNotYours] = StatusCodes.Status403Forbidden,
        [RefusalCodes.ClinicianNotYours] = StatusCodes.Status403Forbidden,
        [RefusalCodes.Forbidden] = StatusCodes.Status403Forbidden,
        [RefusalCodes.NotFound] = StatusCodes.Status404NotFound,
        [RefusalCodes.PreconditionFailed] = StatusCodes.Status412PreconditionFailed,
        [RefusalCodes.Antiforgery] = StatusCodes.Status400BadRequest,
        [RefusalCodes.IdempotencyKeyReused] = StatusCodes.Status422UnprocessableEntity,
        [RefusalCodes.CodeInvalid] = StatusCodes.Status401Unauthorized,
        [RefusalCodes.TwoFactorRequired] = StatusCodes.Status401Unauthorized,

        // A rule the client can satisfy by confirming: the answer names the fee (a "fee" member) for them to confirm.
        [RefusalCodes.LateCancelFee] = StatusCodes.Status409Conflict,
    };

    private static readonly Dictionary<int, string> CodeByStatus = new()
    {
        [400] = "bad-request",
        [401] = "unauthorized",
        [403] = RefusalCodes.Forbidden,
        [404] = RefusalCodes.NotFound,
        [405] = "method-not-allowed",
        [409] = RefusalCodes.Conflict,
        [412] = RefusalCodes.PreconditionFailed,
        [415] = "unsupported-media-type",
        [500] = "server-error",
    };

    public static int StatusFor(string code) => StatusByCode.GetValueOrDefault(code, StatusCodes.Status409Conflict);

    /// <summary>
    /// Field errors become one 400 with per-field <c>errors</c>; a rule's refusal becomes its own status, with per-field
    /// <c>errors</c> when the rule names fields too (an incomplete note: each empty field, naming its member).
    /// </summary>
    public static IResult For(Outcome outcome)
    {
        var rule = outcome.Refusals.FirstOrDefault(r => r.Code != ValidationFailed);
        return rule is null ? Validation(outcome.Refusals) : Refused(rule, outcome.Refusals.Where(r => r.Code == rule.Code && r.Field is not null));
    }

    public static IResult Refused(Refusal refusal) => Refused(refusal, []);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refused(Refusal refusal, IEnumerable<Refusal> fields)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = refusal.Code };
        foreach (var (name, fact) in refusal.Facts ?? new Dictionary<string, object>())
        {
            extensions[name] = fact;
        }

        var errors = fields.GroupBy(r => r.Field!).ToDictionary(g => g.Key, g => g.Select(r => r.Message).ToArray());
        if (errors.Count > 0)
        {
            extensions["errors"] = errors;
        }

        return TypedResults.Problem(statusCode: StatusFor(refusal.Code), title: refusal.Message, extensions: extensions);
    }

    public static IResult Validation(IEnumerable<Refusal> refusals) => TypedResults.ValidationProblem(
        refusals.GroupBy(r => r.Field ?? "").ToDictionary(g => g.Key, g => g.Select(r => r.Message).ToArray()),
        title: "Some fields need attention.",
        extensions: new Dictionary<string, object?> { ["code"] = ValidationFailed });

    public static IResult NotFound() => Refused(Refusal.NotFound("Not found."));

    /// <summary>The value as 200 OK, or the refusals as problem details.</summary>
    public static IResult Ok<T>(Outcome<T> outcome) => outcome.Succeeded ? Results.Ok(outcome.Value) : For(outcome.AsOutcome);

    /// <summary>The value mapped to its wire form as 200 OK, or the refusals as problem details.</summary>
    public static IResult Ok<T, TDto>(Outcome<T> outcome, Func<T, TDto> toWire) =>
        outcome.Succeeded ? Results.Ok(toWire(outcome.Value)) : For(outcome.AsOutcome);

    /// <summary>204 No Content, or the refusals as problem details.</summary>
    public static IResult NoContent(Outcome outcome) => outcome.Succeeded ? Results.NoContent() : For(outcome);

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
}
