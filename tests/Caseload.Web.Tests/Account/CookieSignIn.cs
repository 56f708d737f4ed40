using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Caseload.Web.Tests.Account;

/// <summary>Signs in through the sign-in page as a browser does, keeping the cookies by hand so a test can copy them.</summary>
internal static partial class CookieSignIn
{
    public static Task<HttpResponseMessage> PostPasswordAsync(HttpClient browser, string email, string password = CaseloadApp.Password) =>
        PostFormAsync(browser, "/Account/Login", new() { ["Email"] = email, ["Password"] = password });

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(path, TestContext.Current.CancellationToken);
        fields["__RequestVerificationToken"] = TokenField().Match(page).Groups[1].Value;
        return await browser.PostAsync(path, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    public static HttpClient Browser(this CaseloadApp app) => app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>Posts the sign-in form; answers the response (a redirect when it worked) and the sign-in cookie, if any.</summary>
    public static async Task<(HttpResponseMessage Response, string? Cookie)> PostSignInAsync(this CaseloadApp app, string email, string password)
    {
        using var browser = app.Browser();
        var form = await browser.GetAsync("/Account/Login", TestContext.Current.CancellationToken);
        var antiforgeryCookie = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var html = await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = TokenField().Match(html).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var response = await browser.SendAsync(post, TestContext.Current.CancellationToken);
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var set)
            ? set.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("caseload=", StringComparison.Ordinal))
            : null;
        return (response, cookie);
    }

    public static async Task<string> SignInWithCookieAsync(this CaseloadApp app, string email, string password = CaseloadApp.Password)
    {
        var (response, cookie) = await app.PostSignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return cookie ?? throw new InvalidOperationException("The sign-in set no cookie.");
    }

    public static async Task<HttpResponseMessage> GetWithCookieAsync(this CaseloadApp app, string path, string cookie)
    {
        using var browser = app.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await browser.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Signs out through the page's form (with its antiforgery token, read from the dashboard).</summary>
    public static async Task SignOutWithCookieAsync(this CaseloadApp app, string cookie)
    {
        using var browser = app.Browser();
        using var get = new HttpRequestMessage(HttpMethod.Get, "/");
        get.Headers.Add("Cookie", cookie);
        var page = await browser.SendAsync(get, TestContext.Current.CancellationToken);
        var antiforgery = page.Headers.TryGetValues("Set-Cookie", out var set)
            ? set.Select(c => c.Split(';')[0]).Where(c => !c.StartsWith("caseload=", StringComparison.Ordinal)) : [];
        var token = TokenField().Match(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", string.Join("; ", antiforgery.Prepend(cookie)));
        var response = await browser.SendAsync(post, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
