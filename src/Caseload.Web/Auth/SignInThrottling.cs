using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Caseload.Domain;
using Microsoft.AspNetCore.RateLimiting;
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
/// Sign-in attempts (the API's <c>/api/v1/auth/login</c> and the sign-in page) are counted per email
/// and per client address with ASP.NET Core's rate limiter; past either limit the answer is 429 with
/// <c>Retry-After</c>, for known and unknown emails alike. This replaces Identity's lockout, which
/// let anyone lock any account (the administrator's too) with five wrong passwords.
/// </summary>
internal static class SignInThrottling
{
    private const string AccountItem = "caseload.sign-in-account";

    public static void AddSignInThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SignInThrottleOptions>(configuration.GetSection("Caseload:SignInThrottle"));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = OnRejectedAsync;
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInThrottleOptions>>((o, throttle) =>
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(PerAccount(throttle.Value), PerAddress(throttle.Value)));
    }

    /// <summary>Reads the email an attempt is for (form or JSON, left readable for the handler), then applies the limits.</summary>
    public static void UseSignInThrottling(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (IsSignInAttempt(context))
            {
                context.Items[AccountItem] = await ReadEmailAsync(context.Request);
            }

            await next(context);
        });
        app.UseRateLimiter();
    }

    private static bool IsSignInAttempt(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && (context.Request.Path.Equals("/api/v1/auth/login", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase));

    private static PartitionedRateLimiter<HttpContext> PerAccount(SignInThrottleOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.Items[AccountItem] is string account
                ? RateLimitPartition.GetFixedWindowLimiter("account:" + account, _ => Window(options.AttemptsPerAccount, options))
                : RateLimitPartition.GetNoLimiter(""));

    private static PartitionedRateLimiter<HttpContext> PerAddress(SignInThrottleOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsSignInAttempt(context)
                ? RateLimitPartition.GetFixedWindowLimiter("address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => Window(options.AttemptsPerAddress, options))
                : RateLimitPartition.GetNoLimiter(""));

    private static FixedWindowRateLimiterOptions Window(int permits, SignInThrottleOptions options) => new()
    {
        PermitLimit = permits,
        Window = options.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async Task<string?> ReadEmailAsync(HttpRequest request)
    {
        string? email = null;
        if (request.HasFormContentType)
        {
            email = (await request.ReadFormAsync()).TryGetValue("Email", out var value) ? value.ToString() : null;
        }
        else if (request.HasJsonContentType())
        {
            request.EnableBuffering();
            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    email = document.RootElement.EnumerateObject()
                        .Where(p => p.Name.Equals("email", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                        .Select(p => p.Value.GetString()).FirstOrDefault();
                }
            }
            catch (JsonException)
            {
                // The endpoint answers malformed JSON itself; only the address limit counts this attempt.
            }
            finally
            {
                request.Body.Position = 0;
            }
        }

        return string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToUpperInvariant();
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
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
