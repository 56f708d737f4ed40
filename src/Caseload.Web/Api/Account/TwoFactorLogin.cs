using Caseload.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Caseload.Web.Api.Account;

internal static class TwoFactorLogin
{
    /// <summary>
    /// Identity's <c>POST /login</c> already takes <c>twoFactorCode</c> and <c>twoFactorRecoveryCode</c>; when
    /// neither is given for a user with two-factor on it answers 401 with the detail "RequiresTwoFactor".
    /// This gives that answer the pinned code <c>two-factor-required</c>, leaving the rest of the endpoint as it is.
    /// </summary>
    public static void AskForTheSecondFactor(this RouteGroupBuilder auth) =>
        auth.AddEndpointFilterFactory((context, next) =>
            context.MethodInfo.DeclaringType?.Assembly != typeof(Microsoft.AspNetCore.Routing.IdentityApiEndpointRouteBuilderExtensions).Assembly
                ? next
                : async invocation =>
                {
                    var result = await next(invocation);
                    var problem = result switch
                    {
                        ProblemHttpResult p => p,
                        INestedHttpResult { Result: ProblemHttpResult p } => p,
                        _ => null,
                    };
                    return problem is { StatusCode: StatusCodes.Status401Unauthorized, ProblemDetails.Detail: "RequiresTwoFactor" }
                        ? TypedResults.Problem(
                            statusCode: StatusCodes.Status401Unauthorized,
                            title: "This account signs in with two factors: give twoFactorCode from the authenticator app or a twoFactorRecoveryCode.",
                            extensions: new Dictionary<string, object?> { ["code"] = RefusalCodes.TwoFactorRequired })
                        : result;
                });
}
