using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace Caseload.Web.Api;

/// <summary>
/// A write that loses a race with another (two people, or one double click, changing the same thing at
/// once) answers 409 <c>conflict</c>: the API as a problem detail, a page as the status page saying so.
/// Nothing was half-saved: each change is one transaction, and the one that lost was rolled back.
/// </summary>
internal sealed class LostRaceHandler(ILogger<LostRaceHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!LostRaces.IsLostRace(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        logger.LogInformation(exception, "A write lost a race with another and was refused.");
        if (httpContext.IsApi())
        {
            httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
            await Problems.Refused(new Refusal(RefusalCodes.Conflict, "Someone else changed this at the same moment. Reload and try again."))
                .ExecuteAsync(httpContext);
        }
        else
        {
            httpContext.Response.Redirect("/Status?code=409");
        }

        return true;
    }
}
