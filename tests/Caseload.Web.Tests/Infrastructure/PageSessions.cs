using System.Net;
using System.Text.RegularExpressions;

namespace Caseload.Web.Tests.Infrastructure;

/// <summary>Signs in through the sign-in page, as a browser does, and keeps the cookie: for what only the cookie can show.</summary>
public static partial class PageSessions
{
    public static async Task<HttpClient> SignInWithTheCookieAsync(this CaseloadApp app, string email)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var form = await client.GetStringAsync("/Account/Login");
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = CaseloadApp.Password,
            ["__RequestVerificationToken"] = FormToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The antiforgery token a page's form carries.</summary>
    public static string FormToken(string html) => FormTokenPattern().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>The token the layout hands to htmx and the calendar.</summary>
    public static string MetaToken(string html) => MetaTokenPattern().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("The page has no antiforgery meta tag.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();

    [GeneratedRegex("<meta name=\"antiforgery\" content=\"([^\"]+)\"")]
    private static partial Regex MetaTokenPattern();
}
