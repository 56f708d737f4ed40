using System.Net;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Requests;

/// <summary>
/// Finding 7 of issue 12, behind the documented nginx: when the browser spoke https to the proxy, the
/// sign-in cookie is Secure and HSTS is sent; a forwarded scheme from anyone but a trusted proxy is ignored.
/// </summary>
public abstract class ForwardedHeaderTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A host name HSTS is sent for (the framework never sends it for localhost).</summary>
    private const string Site = "http://caseload.example";

    private async Task<HttpResponseMessage> SignInThroughTheProxyAsync(string? peer)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var page = Forwarded(HttpMethod.Get, "/Account/Login", peer);
        var form = await client.SendAsync(page, Ct);
        var html = await form.Content.ReadAsStringAsync(Ct);
        using var post = Forwarded(HttpMethod.Post, "/Account/Login", peer);
        post.Headers.Add("Cookie", string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        post.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = CaseloadApp.AdminEmail,
            ["Password"] = CaseloadApp.Password,
            ["__RequestVerificationToken"] = PageSessions.FormToken(html),
        });
        var response = await client.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private static HttpRequestMessage Forwarded(HttpMethod method, string path, string? peer)
    {
        var request = new HttpRequestMessage(method, Site + path);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");
        if (peer is not null)
        {
            request.Headers.Add("X-Test-Peer", peer);
        }

        return request;
    }

    private static string SignInCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("caseload=", StringComparison.Ordinal));

    [Fact]
    public async Task SignIn_ForwardedAsHttpsByATrustedProxy_SetsASecureCookie()
    {
        var response = await SignInThroughTheProxyAsync(peer: null);

        Assert.Contains("; secure", SignInCookie(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Page_ForwardedAsHttpsByATrustedProxy_SendsHsts()
    {
        var response = await app.CreateClient().SendAsync(Forwarded(HttpMethod.Get, "/Account/Login", peer: null), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ForwardedAsHttpsByAnUntrustedPeer_IsTakenAsPlainHttp()
    {
        var response = await SignInThroughTheProxyAsync(peer: "stranger");

        Assert.DoesNotContain("; secure", SignInCookie(response), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}

public sealed class ForwardedHeaderSqliteTests(BehindProxySqliteApp app) : ForwardedHeaderTests(app), IClassFixture<BehindProxySqliteApp>;

public sealed class ForwardedHeaderPostgresTests(BehindProxyPostgresApp app) : ForwardedHeaderTests(app), IClassFixture<BehindProxyPostgresApp>;
