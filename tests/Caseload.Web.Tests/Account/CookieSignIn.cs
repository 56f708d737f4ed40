using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Caseload.Web.Tests.Account;

/// <summary>Signs in through the sign-in page as a browser does: the client keeps the cookies, the form carries its antiforgery token.</summary>
internal static partial class CookieSignIn
{
    public static Task<HttpResponseMessage> PostPasswordAsync(HttpClient browser, string email, string password = CaseloadApp.Password) =>
        PostFormAsync(browser, "/Account/Login", new() { ["Email"] = email, ["Password"] = password });

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(path, TestContext.Current.CancellationToken);
        fields["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        return await browser.PostAsync(path, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
