using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Auth;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Reminders;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Caseload.Web.Tests.Portal;

/// <summary>The portal's pages as a browser on them: the client's cookie, the antiforgery cookie, and forms posted with its token.</summary>
public static class PortalPages
{
    public const string Sessions = "/portal/sessions";
    public const string Book = "/portal/book";
    public const string Waitlist = "/portal/waitlist";
    public const string Bills = "/portal/bills";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A browser signed in to the portal as <paramref name="client"/> (already invited) with a code emailed to them;
    /// it keeps its cookies and does not follow redirects.
    /// </summary>
    public static async Task<HttpClient> PagesOfAsync(this ReminderApp app, SceneClient client)
    {
        var verified = await app.VerifyAsync(client.Email, await app.NewCodeAsync(client.Email));
        Assert.True(verified.StatusCode == HttpStatusCode.OK, await verified.Content.ReadAsStringAsync(Ct));
        var token = (await verified.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString()!;
        var cookies = new CookieContainer();
        var browser = app.CreateDefaultClient(new CookieContainerHandler(cookies));
        cookies.Add(browser.BaseAddress!, new Cookie(PortalAuthentication.CookieName, token, "/portal"));
        return browser;
    }

    public static async Task<string> PageAsync(this HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {response.Headers.Location} {html}");
        return html;
    }

    /// <summary>Posts a form of the page at <paramref name="path"/> to its <paramref name="handler"/>, as its button does.</summary>
    public static async Task<HttpResponseMessage> PressAsync(this HttpClient browser, string path, string handler, params (string Name, string Value)[] fields)
    {
        var page = await browser.PageAsync(path);
        var form = fields.ToDictionary(f => f.Name, f => f.Value);
        form["__RequestVerificationToken"] = PageSessions.FormToken(page);
        return await browser.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent(form), Ct);
    }

    /// <summary>The answer of a form that went through: a redirect back to the page, then the page it shows.</summary>
    public static async Task<string> FollowedAsync(this HttpClient browser, HttpResponseMessage posted, string path)
    {
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"{(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal(path, posted.Headers.Location?.OriginalString);
        return await browser.PageAsync(path);
    }

    public static async Task<string> ShownAsync(this HttpResponseMessage posted)
    {
        var html = await posted.Content.ReadAsStringAsync(Ct);
        Assert.True(posted.StatusCode == HttpStatusCode.OK, $"{(int)posted.StatusCode}: {html}");
        return html;
    }
}
