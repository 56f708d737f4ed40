using System.Net;
using System.Security.Cryptography;
using Caseload.Web.Auth;
using Microsoft.AspNetCore.HttpOverrides;

namespace Caseload.Web;

/// <summary>
/// What every request passes through before any page or endpoint sees it: the proxy's forwarded
/// headers (trusted only from the configured proxies), the antiforgery settings the pages, htmx and
/// the API share, and the response headers that keep a browser from running, framing, caching or
/// leaking what the app sends. See docs/security.md, "Requests and headers".
/// </summary>
public static class RequestHardening
{
    /// <summary>The header htmx and the calendar send the antiforgery token in; the layout tells them its name.</summary>
    public const string AntiforgeryHeader = "RequestVerificationToken";

    /// <summary>Proxies (addresses or CIDR networks, comma-separated) whose X-Forwarded-For and -Proto are believed.</summary>
    public const string TrustedProxiesSetting = "Caseload:TrustedProxies";

    private const string NonceKey = "Caseload.CspNonce";

    public static void AddRequestHardening(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAntiforgery(o => o.HeaderName = AntiforgeryHeader);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            var trusted = configuration[TrustedProxiesSetting];
            foreach (var entry in (trusted ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
                else
                {
                    o.KnownProxies.Add(IPAddress.Parse(entry));
                }
            }
        });
    }

    /// <summary>
    /// First in the pipeline: the scheme and client address become the ones the proxy saw, so the sign-in
    /// cookie is Secure and HSTS is sent when the browser used https, and the audit records the real address.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxyHeaders(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>
    /// Headers for every response, static files included: no content sniffing, no referrer (page addresses
    /// carry client ids and search terms; the app reads no Referer), no framing, and a Content-Security-Policy
    /// that allows scripts and style elements only from the app itself or with this request's nonce.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = IsApiReference(context)
                ? "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
                : $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; " +
                  "style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; " +
                  "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// After the static files: everything else (pages with client data, API answers, exports, error pages)
    /// is never kept by a browser or a shared cache.
    /// </summary>
    public static IApplicationBuilder UseNoStore(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            // A response that states its own rule (the calendar feed's revalidation) keeps it.
            if (string.IsNullOrEmpty(context.Response.Headers.CacheControl))
            {
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>This request's script nonce, for the layout's script tags (FullCalendar reuses it for its style element).</summary>
    public static string CspNonce(this HttpContext context) => context.Items[NonceKey] as string ?? "";

    /// <remarks>
    /// The bundled API reference (Scalar) configures itself with an inline script, so it keeps only the
    /// framing, plugin and base rules. It shows the API description, never client data.
    /// </remarks>
    private static bool IsApiReference(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api/reference") && context.IsApi();
}
