using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Caseload.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Caseload.Web.Auth;

/// <summary>How many sign-in attempts are allowed per window (configuration section <c>Caseload:SignInThrottle</c>).</summary>
public sealed class SignInThrottleOptions
{
    /// <summary>Attempts for one email, from anywhere: slows password guessing against one account.</summary>
    public int AttemptsPerAccount { get; set; } = 10;

    /// <summary>Attempts from one address, for any email: a whole office signs in from one address, so this is higher.</summary>
    public int AttemptsPerAddress { get; set; } = 100;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Counts sign-in attempts per account and per client address in fixed windows on the app's clock. A window
/// starts at a key's first attempt and lasts <see cref="SignInThrottleOptions.Window"/>; an attempt is let
/// through (and counted against both keys) only while neither window is full. The counts live in this
/// instance's memory: each instance of the app counts on its own.
/// </summary>
internal sealed class SignInThrottle(TimeProvider time, IOptions<SignInThrottleOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Window> _windows = [];
    private DateTimeOffset _nextSweep;

    /// <summary>Null when the attempt may go ahead (it is counted); else how long until the full window ends.</summary>
    public TimeSpan? Attempt(string? account, string address)
    {
        var limits = options.Value;
        var now = time.GetUtcNow();
        List<(string Key, int Limit)> keys = [("address:" + address, limits.AttemptsPerAddress)];
        if (account is not null)
        {
            keys.Add(("account:" + account, limits.AttemptsPerAccount));
        }

        lock (_gate)
        {
            ForgetEnded(now, limits.Window);
            var windows = keys.Select(k => (k.Key, k.Limit, Window: CurrentWindow(k.Key, now, limits.Window))).ToList();
            var full = windows.Where(w => w.Window.Count >= w.Limit).ToList();
            if (full.Count > 0)
            {
                return full.Max(w => w.Window.Ends - now);
            }

            foreach (var (key, _, window) in windows)
            {
                _windows[key] = window with { Count = window.Count + 1 };
            }

            return null;
        }
    }

    /// <summary>
    /// A right password (or code) ends the account's window: the throttle slows guessing, not a person who signs
    /// in many times a day. The address's count stays, so one address still can't guess on without limit.
    /// </summary>
    public void Succeeded(string account)
    {
        lock (_gate)
        {
            _windows.Remove("account:" + account);
        }
    }

    private Window CurrentWindow(string key, DateTimeOffset now, TimeSpan length) =>
        _windows.TryGetValue(key, out var window) && now < window.Ends ? window : new Window(now + length, 0);

    /// <summary>Drops ended windows once per window length, so guessed emails do not pile up.</summary>
    private void ForgetEnded(DateTimeOffset now, TimeSpan length)
    {
        if (now < _nextSweep)
        {
            return;
        }

        foreach (var key in _windows.Where(w => w.Value.Ends <= now).Select(w => w.Key).ToList())
        {
            _windows.Remove(key);
        }

        _nextSweep = now + length;
    }

    private readonly record struct Window(DateTimeOffset Ends, int Count);
}

/// <summary>
/// Sign-in attempts (the API's <c>/api/v1/auth/login</c>, the sign-in page and its code step, and the client
/// portal's code requests and codes) are counted per
/// account and per client address (<see cref="SignInThrottle"/>); past either limit the answer is 429 with
/// <c>Retry-After</c>, for known and unknown emails alike. This replaces Identity's lockout, which let anyone
/// lock any account (the administrator's too) with five wrong passwords.
/// </summary>
internal static class SignInThrottling
{
    public static void AddSignInThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SignInThrottleOptions>(configuration.GetSection("Caseload:SignInThrottle"));
        services.AddSingleton<SignInThrottle>();
    }

    public static void UseSignInThrottling(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!IsSignInAttempt(context))
            {
                await next(context);
                return;
            }

            var throttle = context.RequestServices.GetRequiredService<SignInThrottle>();
            var account = await AccountOfAsync(context);
            if (throttle.Attempt(account, context.Connection.RemoteIpAddress?.ToString() ?? "unknown") is { } wait)
            {
                await RefuseAsync(context, wait);
                return;
            }

            await next(context);
            if (account is not null && PasswordWasRight(context))
            {
                throttle.Succeeded(account);
            }
        });

    /// <summary>
    /// The API answers 200 to a right password (with or without a code still to give); the pages redirect on
    /// success and show the form again on a failure. Asking for a portal code proves nothing: only a right code counts.
    /// </summary>
    private static bool PasswordWasRight(HttpContext context) =>
        !IsPortalCodeRequest(context.Request.Path)
        && (context.Response.StatusCode is StatusCodes.Status200OK && context.IsApi()
            || context.Response.StatusCode is StatusCodes.Status302Found && !context.IsApi());

    private static bool IsSignInAttempt(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && (context.Request.Path.Equals("/api/v1/auth/login", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase)
            || IsCodeStep(context)
            || IsPortalSignIn(context.Request.Path));

    /// <summary>The client portal: asking for a code and giving it, by the API and by the pages.</summary>
    private static bool IsPortalSignIn(PathString path) =>
        IsPortalCodeRequest(path)
        || path.Equals("/portal/api/v1/sign-in/verify", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/portal/sign-in/code", StringComparison.OrdinalIgnoreCase);

    private static bool IsPortalCodeRequest(PathString path) =>
        path.Equals("/portal/api/v1/sign-in", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/portal/sign-in", StringComparison.OrdinalIgnoreCase);

    private static bool IsCodeStep(HttpContext context) => context.Request.Path.Equals("/Account/LoginCode", StringComparison.OrdinalIgnoreCase);

    /// <summary>The email typed (form or JSON, left readable for the handler), or on the code step the user whose password was right.</summary>
    private static async Task<string?> AccountOfAsync(HttpContext context)
    {
        if (IsCodeStep(context))
        {
            var pending = await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
            return pending.Principal?.FindFirstValue(ClaimTypes.Name) is { } userId ? "user:" + userId : null;
        }

        var email = await ReadEmailAsync(context.Request);
        var prefix = IsPortalSignIn(context.Request.Path) ? "portal:" : "";
        return string.IsNullOrWhiteSpace(email) ? null : prefix + email.Trim().ToUpperInvariant();
    }

    private static async Task<string?> ReadEmailAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            return (await request.ReadFormAsync()).TryGetValue("Email", out var value) ? value.ToString() : null;
        }

        if (!request.HasJsonContentType())
        {
            return null;
        }

        request.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject()
                    .Where(p => p.Name.Equals("email", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                    .Select(p => p.Value.GetString()).FirstOrDefault()
                : null;
        }
        catch (JsonException)
        {
            // The endpoint answers malformed JSON itself; only the address limit counts this attempt.
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    /// <summary>429 with <c>Retry-After</c>: the API's problem, the pages' "too many attempts" page.</summary>
    private static async Task RefuseAsync(HttpContext context, TimeSpan wait)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (context.IsApi())
        {
            await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many sign-in attempts. Wait and try again.",
                extensions: new Dictionary<string, object?> { ["code"] = RefusalCodes.TooManyAttempts }).ExecuteAsync(context);
        }
    }
}
