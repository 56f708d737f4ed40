using System.Net;
using System.Text.RegularExpressions;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Requests;

/// <summary>Finding 7 of issue 12: what the browser is told about running, framing, caching and referring.</summary>
public abstract partial class ResponseHeaderTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Policy(HttpResponseMessage response) =>
        string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

    private static string Directive(string policy, string name) =>
        policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith(name + " ", StringComparison.Ordinal));

    [Fact]
    public async Task SignedInPage_AllowsScriptsOnlyFromTheAppOrWithThisRequestsNonce()
    {
        var cookie = await app.SignInWithTheCookieAsync(CaseloadApp.AdminEmail);

        var response = await cookie.GetAsync("/", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        var policy = Policy(response);
        var nonce = NoncePattern().Match(Directive(policy, "script-src")).Groups[1].Value;
        Assert.Equal($"script-src 'self' 'nonce-{nonce}'", Directive(policy, "script-src"));
        Assert.Equal(18, System.Buffers.Text.Base64Url.DecodeFromChars(nonce).Length);
        Assert.Equal("object-src 'none'", Directive(policy, "object-src"));
        Assert.Equal("base-uri 'self'", Directive(policy, "base-uri"));
        Assert.Equal("frame-ancestors 'none'", Directive(policy, "frame-ancestors"));
        Assert.Equal("form-action 'self'", Directive(policy, "form-action"));
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.All(ScriptTagPattern().Matches(html), tag => Assert.Contains($"nonce=\"{nonce}\"", tag.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EachPage_GetsANonceOfItsOwn()
    {
        var client = app.CreateClient();

        var first = Policy(await client.GetAsync("/Account/Login", Ct));
        var second = Policy(await client.GetAsync("/Account/Login", Ct));

        Assert.NotEqual(Directive(first, "script-src"), Directive(second, "script-src"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Clients")]
    [InlineData("/Account/Login")]
    public async Task Page_IsNeitherStoredNorSniffedNorReferred(string path)
    {
        var cookie = await app.SignInWithTheCookieAsync(CaseloadApp.AdminEmail);

        var response = await cookie.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task ApiAnswer_IsNeitherStoredNorSniffed()
    {
        using var admin = await app.AdminAsync();

        var response = await admin.GetAsync("/api/v1/practice", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("frame-ancestors 'none'", Policy(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaticScript_MayBeCachedButIsNotSniffed()
    {
        var response = await app.CreateClient().GetAsync("/js/site.js", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NoncePattern();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTagPattern();
}

public sealed class ResponseHeaderSqliteTests(SqliteApp app) : ResponseHeaderTests(app), IClassFixture<SqliteApp>;

public sealed class ResponseHeaderPostgresTests(PostgresApp app) : ResponseHeaderTests(app), IClassFixture<PostgresApp>;
