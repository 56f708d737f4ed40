using System.Diagnostics;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Caseload.Domain;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Auth;

/// <summary>
/// Marks a write that is safe to repeat: <c>POST /api/v1/appointments</c> and <c>/payments</c> with an
/// <c>Idempotency-Key</c> header, and the booking and payment forms with the key each render carries.
/// </summary>
/// <param name="Handler">For a page: the handler the key guards (null for the page's plain POST); other handlers ignore it.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class IdempotentAttribute(string? handler = null) : Attribute
{
    public string? Handler { get; } = handler;
}

/// <summary>
/// A repeat of a marked write with the same key by the same user within 24 hours answers the first
/// response again (status, body, Location, ETag) and writes nothing; the same key with another body
/// answers 422 <c>idempotency-key-reused</c>. A repeat that arrives while the first is still running waits
/// for the first to finish and then answers its response too; only if the first is still running after
/// <see cref="LongestWait"/> does it answer 409 <c>conflict</c>. A first response that is a server error or
/// a lost race is not kept, so a repeat waiting for it, or a later retry, runs again. A first request with no
/// answer after <see cref="AbandonedAfter"/> was stopped with its instance: a repeat answers 409 at once,
/// saying so, and is not run, since the first may have committed its write just before the instance died.
/// </summary>
internal sealed class IdempotencyKeys(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";

    /// <summary>How long a repeat waits for the first request with its key to finish.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    /// <summary>Longer than any guarded request runs: a first request still unanswered after it died with its instance.</summary>
    public static readonly Duration AbandonedAfter = Duration.FromMinutes(5);

    /// <summary>How often a waiting repeat looks again; the first may run on another instance.</summary>
    private static readonly TimeSpan LookAgainAfter = TimeSpan.FromMilliseconds(100);

    /// <summary>The hidden field that carries a form render's key.</summary>
    public const string FormField = "IdempotencyKey";

    public async Task InvokeAsync(HttpContext http, IServiceScopeFactory scopes, Clock clock)
    {
        var marked = http.GetEndpoint()?.Metadata.GetMetadata<IdempotentAttribute>();
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (marked is null || !HttpMethods.IsPost(http.Request.Method) || userId is null || !IsGuarded(http, marked))
        {
            await next(http);
            return;
        }

        var (key, hash) = await ReadAsync(http);
        if (string.IsNullOrEmpty(key))
        {
            await next(http);
            return;
        }

        if (key.Length > IdempotentRequest.MaxKeyLength)
        {
            await Results.ValidationProblem(new Dictionary<string, string[]> { [Header] = [TextLimits.Message(IdempotentRequest.MaxKeyLength)] },
                extensions: new Dictionary<string, object?> { ["code"] = RefusalCodes.ValidationFailed }).ExecuteAsync(http);
            return;
        }

        var claim = await ClaimOrWaitAsync(scopes, userId, key, hash, clock, http.RequestAborted);
        if (claim is not null)
        {
            await AnswerAsync(http, claim);
            return;
        }

        await RunAndKeepAsync(http, scopes, userId, key);
    }

    private static bool IsGuarded(HttpContext http, IdempotentAttribute marked) =>
        http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || string.Equals(http.Request.Query["handler"].ToString() is { Length: > 0 } h ? h : null, marked.Handler, StringComparison.OrdinalIgnoreCase);

    /// <summary>The key (header, else the form's field) and a hash of the method, path and body.</summary>
    private static async Task<(string? Key, string Hash)> ReadAsync(HttpContext http)
    {
        var request = http.Request;
        var content = new StringBuilder().Append(request.Method).Append(' ').Append(request.Path).Append(request.QueryString).Append('\n');
        string? key = request.Headers[Header].ToString() is { Length: > 0 } header ? header.Trim() : null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(http.RequestAborted);
            key ??= form[FormField].ToString() is { Length: > 0 } field ? field.Trim() : null;
            foreach (var pair in form.Where(f => f.Key is not FormField and not "__RequestVerificationToken").OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                content.Append(pair.Key).Append('=').Append(pair.Value.ToString()).Append('\n');
            }
        }
        else if (key is not null)
        {
            request.EnableBuffering();
            using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
            content.Append(await reader.ReadToEndAsync(http.RequestAborted));
            request.Body.Position = 0;
        }

        return (key, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString()))));
    }

    /// <summary>
    /// Null when this request is the one with its key that runs; else the answer it gets instead: the first
    /// response, once the first request with the key has finished, or 409 if that takes too long.
    /// </summary>
    private static async Task<IResult?> ClaimOrWaitAsync(IServiceScopeFactory scopes, string userId, string key, string hash, Clock clock, CancellationToken ct)
    {
        await ForgetExpiredAsync(scopes, clock);
        var waiting = Stopwatch.StartNew();
        while (true)
        {
            var claim = await ClaimAsync(scopes, userId, key, hash, clock);
            if (claim is not StillRunning || waiting.Elapsed >= LongestWait)
            {
                return claim;
            }

            await Task.Delay(LookAgainAfter, ct);
        }
    }

    /// <summary>Keys older than <see cref="IdempotentRequest.Lifetime"/> are forgotten, once per keyed request (not per look of a waiting repeat).</summary>
    private static async Task ForgetExpiredAsync(IServiceScopeFactory scopes, Clock clock)
    {
        await using var scope = scopes.CreateAsyncScope();
        var expired = clock.Now - IdempotentRequest.Lifetime;
        await scope.ServiceProvider.GetRequiredService<CaseloadDbContext>().IdempotentRequests.Where(r => r.CreatedAt < expired).ExecuteDeleteAsync();
    }

    /// <summary>Null when this request is the first with its key and runs; else the answer it gets instead.</summary>
    private static async Task<IResult?> ClaimAsync(IServiceScopeFactory scopes, string userId, string key, string hash, Clock clock)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        var now = clock.Now;
        var earlier = await db.IdempotentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key);
        if (earlier is null)
        {
            db.IdempotentRequests.Add(new IdempotentRequest { UserId = userId, Key = key, RequestHash = hash, CreatedAt = now });
            try
            {
                await db.SaveChangesAsync();
                return null;
            }
            catch (DbUpdateException e) when (LostRaces.IsLostRace(e))
            {
                db.ChangeTracker.Clear();
                earlier = await db.IdempotentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key);
            }
        }

        if (earlier is not null && earlier.RequestHash != hash)
        {
            return Refused(RefusalCodes.IdempotencyKeyReused, StatusCodes.Status422UnprocessableEntity,
                "This Idempotency-Key was used for another request in the last 24 hours. Use a new key for a new request.");
        }

        return earlier switch
        {
            { StatusCode: not null } => new Replay(earlier),
            _ when earlier is not null && earlier.CreatedAt < now - AbandonedAfter => Abandoned(),
            _ => new StillRunning(),
        };
    }

    private static IResult Refused(string code, int status, string title, string? detail = null) =>
        Results.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>The answer when the first request with the key stopped without answering.</summary>
    private static IResult Abandoned() => Refused(RefusalCodes.Conflict, StatusCodes.Status409Conflict,
        "The first request with this Idempotency-Key stopped without an answer.",
        "The server stopped while it ran, so whether it took effect is unknown. Look (the calendar, the client's ledger) and, if it did not, send it again with a new key.");

    private static async Task AnswerAsync(HttpContext http, IResult answer)
    {
        if (answer is Replay || http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await answer.ExecuteAsync(http);
            return;
        }

        http.Response.Redirect("/Status?code=409");
    }

    /// <summary>Runs the request with its response kept aside, stores it, then sends it.</summary>
    private async Task RunAndKeepAsync(HttpContext http, IServiceScopeFactory scopes, string userId, string key)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        var kept = false;
        try
        {
            await next(http);
            var response = http.Response;
            if (response.StatusCode < 500 && response.StatusCode != StatusCodes.Status409Conflict)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
                await db.IdempotentRequests.Where(r => r.UserId == userId && r.Key == key).ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.StatusCode, response.StatusCode)
                    .SetProperty(r => r.ContentType, response.ContentType)
                    .SetProperty(r => r.Location, response.Headers.Location.ToString() is { Length: > 0 } l ? l : null)
                    .SetProperty(r => r.ETag, response.Headers.ETag.ToString() is { Length: > 0 } e ? e : null)
                    .SetProperty(r => r.HxTrigger, response.Headers["HX-Trigger"].ToString() is { Length: > 0 } t ? t : null)
                    .SetProperty(r => r.Body, buffer.ToArray()));
                kept = true;
            }
        }
        finally
        {
            http.Response.Body = original;
            if (!kept)
            {
                await ForgetAsync(scopes, userId, key);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private static async Task ForgetAsync(IServiceScopeFactory scopes, string userId, string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        await db.IdempotentRequests.Where(r => r.UserId == userId && r.Key == key).ExecuteDeleteAsync();
    }

    /// <summary>The answer when the first request with the key is still running after <see cref="LongestWait"/>.</summary>
    private sealed class StillRunning : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) =>
            Refused(RefusalCodes.Conflict, StatusCodes.Status409Conflict,
                "The first request with this Idempotency-Key is still running. Try again in a moment to get its answer.").ExecuteAsync(httpContext);
    }

    /// <summary>The first response, again.</summary>
    private sealed class Replay(IdempotentRequest first) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = first.StatusCode!.Value;
            response.ContentType = first.ContentType;
            if (first.Location is not null)
            {
                response.Headers.Location = first.Location;
            }

            if (first.ETag is not null)
            {
                response.Headers.ETag = first.ETag;
            }

            if (first.HxTrigger is not null)
            {
                response.Headers["HX-Trigger"] = first.HxTrigger;
            }

            response.Headers["Idempotent-Replayed"] = "true";
            await response.Body.WriteAsync(first.Body ?? [], httpContext.RequestAborted);
        }
    }
}
