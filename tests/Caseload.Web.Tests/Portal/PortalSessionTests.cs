using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Account;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Reminders;

namespace Caseload.Web.Tests.Portal;

/// <summary>
/// Issue 18: a client's session is its own scheme: it ends after 30 idle minutes, after 12 hours at most and at
/// sign-out; a client token means nothing to the staff side, and a staff token or cookie nothing to the portal.
/// </summary>
public abstract class PortalSessionTests(ReminderApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Me_After30MinutesUnused_Is401_After29ItWorks()
    {
        var client = await app.InvitedClientAsync();
        using var first = await app.SignedInAsync(client);
        using var second = await app.SignedInAsync(client);

        app.Time.Advance(TimeSpan.FromMinutes(29));
        var used = await first.GetAsync(PortalApi.Me, Ct);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var idle = await second.GetAsync(PortalApi.Me, Ct);

        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        await idle.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Me_UsedEvery20Minutes_EndsAt12Hours()
    {
        var client = await app.InvitedClientAsync();
        using var http = await app.SignedInAsync(client);
        for (var minutes = 20; minutes < 12 * 60; minutes += 20)
        {
            app.Time.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(PortalApi.Me, Ct)).StatusCode);
        }

        app.Time.Advance(TimeSpan.FromMinutes(20));
        var ended = await http.GetAsync(PortalApi.Me, Ct);

        await ended.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task SignOut_EndsThatToken_Only()
    {
        var client = await app.InvitedClientAsync();
        using var leaving = await app.SignedInAsync(client);
        using var staying = await app.SignedInAsync(client);

        var signedOut = await leaving.PostAsync(PortalApi.SignOut, null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaving.GetAsync(PortalApi.Me, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staying.GetAsync(PortalApi.Me, Ct)).StatusCode);
    }

    [Fact]
    public async Task Discharge_EndsTheClientsSession()
    {
        var client = await app.InvitedClientAsync();
        using var http = await app.SignedInAsync(client);

        Assert.Equal(HttpStatusCode.NoContent, (await client.Clinician.Client.PostAsync($"/api/v1/clients/{client.ClientId}/discharge", null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(PortalApi.Me, Ct)).StatusCode);
    }

    [Fact]
    public async Task AChangedChartEmail_EndsTheClientsSession()
    {
        var client = await app.InvitedClientAsync();
        using var http = await app.SignedInAsync(client);

        await client.ChangeChartEmailAsync(PortalApi.NewEmail());

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(PortalApi.Me, Ct)).StatusCode);
    }

    [Fact]
    public async Task WithdrawingTheInvitation_EndsTheClientsSession_AndSendsNoMoreCodes()
    {
        var client = await app.InvitedClientAsync();
        using var http = await app.SignedInAsync(client);
        var sent = app.Inbox.To(client.Email).Count;

        var withdrawn = await client.Clinician.Client.DeleteAsync($"/api/v1/clients/{client.ClientId}/portal-invite", Ct);
        await app.AskForCodeAsync(client.Email);
        var other = await app.InvitedClientAsync();
        await app.NewCodeAsync(other.Email);

        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(PortalApi.Me, Ct)).StatusCode);
        Assert.Equal(sent, app.Inbox.To(client.Email).Count);
    }

    [Fact]
    public async Task ClientToken_OnTheStaffApi_Is401()
    {
        var client = await app.InvitedClientAsync();
        using var http = await app.SignedInAsync(client);

        var clients = await http.GetAsync($"/api/v1/clients/{client.ClientId}", Ct);
        var practice = await http.GetAsync("/api/v1/practice", Ct);

        await clients.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.Unauthorized, practice.StatusCode);
    }

    [Fact]
    public async Task ClientTokenOrCookie_OnAStaffPage_GetNoPage()
    {
        var client = await app.InvitedClientAsync();
        var token = await TokenAsync(client);
        using var browser = app.Browser();
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, $"/Clients/{client.ClientId}");
        withCookie.Headers.Add("Cookie", $"caseload-portal={token}");
        using var withBearer = new HttpRequestMessage(HttpMethod.Get, $"/Clients/{client.ClientId}");
        withBearer.Headers.Authorization = new("Bearer", token);

        var byCookie = await browser.SendAsync(withCookie, Ct);
        var byBearer = await browser.SendAsync(withBearer, Ct);

        Assert.Equal(HttpStatusCode.Redirect, byCookie.StatusCode);
        Assert.StartsWith("/Account/Login", byCookie.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, byBearer.StatusCode);
    }

    [Fact]
    public async Task StaffTokenOrCookie_OnThePortal_Is401OrTheSignInPage()
    {
        var staff = await app.StaffAsync("Clinician");
        var cookie = await app.SignInWithCookieAsync(staff.Email);

        var apiByToken = await staff.Client.GetAsync(PortalApi.Me, Ct);
        var apiByCookie = await app.GetWithCookieAsync(PortalApi.Me, cookie);
        var pageByCookie = await app.GetWithCookieAsync("/portal", cookie);

        await apiByToken.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.Unauthorized, apiByCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, pageByCookie.StatusCode);
        Assert.Equal("/portal/sign-in", pageByCookie.Headers.Location?.ToString());
    }

    [Fact]
    public async Task SignInByThePages_SetsTheHttpOnlyPortalCookie_AndTheHomePageWelcomesTheClient()
    {
        var client = await app.InvitedClientAsync();
        using var browser = app.CreateClient(new() { AllowAutoRedirect = false });
        var form = await browser.GetStringAsync("/portal/sign-in", Ct);
        var asked = await browser.PostAsync("/portal/sign-in", Form(form, ("Email", client.Email)), Ct);
        Assert.Equal("/portal/sign-in/code", asked.Headers.Location?.ToString());
        var code = PortalApi.CodeIn((await app.Inbox.WaitForAsync(client.Email, 2))[^1]);
        var codePage = await browser.GetStringAsync("/portal/sign-in/code", Ct);
        var wrong = await browser.PostAsync("/portal/sign-in/code", Form(codePage, ("Email", client.Email), ("Code", "000000" == code ? "111111" : "000000")), Ct);

        var signedIn = await browser.PostAsync("/portal/sign-in/code", Form(codePage, ("Email", client.Email), ("Code", code)), Ct);
        var home = await browser.GetStringAsync("/portal", Ct);

        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("/portal", signedIn.Headers.Location?.ToString());
        var setCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("caseload-portal=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/portal", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Welcome, Ada", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientActions_AreInTheAuditTrail_WithTheClientAsTheActor()
    {
        var client = await app.InvitedClientAsync();
        using var http = await app.SignedInAsync(client);
        await http.GetAsync(PortalApi.Me, Ct);
        await http.PostAsync(PortalApi.SignOut, null, Ct);
        using var admin = await app.AdminAsync();

        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?clientId={client.ClientId}&userId=client:{client.ClientId}", Ct);
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();

        Assert.Contains("sign-in", actions);
        Assert.Contains("read", actions);
        Assert.Contains("sign-out", actions);
        Assert.All(audit.GetProperty("items").EnumerateArray(), e => Assert.EndsWith("(client)", e.GetProperty("userName").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task PortalApiChange_WithThePortalCookieAndNoAntiforgeryToken_Is400Antiforgery_AndTheSessionStays()
    {
        var client = await app.InvitedClientAsync();
        var token = await TokenAsync(client);
        using var browser = app.Browser();
        using var signOut = new HttpRequestMessage(HttpMethod.Post, PortalApi.SignOut);
        signOut.Headers.Add("Cookie", $"caseload-portal={token}");
        using var me = new HttpRequestMessage(HttpMethod.Get, PortalApi.Me);
        me.Headers.Add("Cookie", $"caseload-portal={token}");

        var refused = await browser.SendAsync(signOut, Ct);
        var stillIn = await browser.SendAsync(me, Ct);

        await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "antiforgery");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    private async Task<string> TokenAsync(InvitedClient client)
    {
        var response = await app.VerifyAsync(client.Email, await app.NewCodeAsync(client.Email));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString()!;
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields)
    {
        var form = fields.ToDictionary(f => f.Name, f => f.Value);
        form["__RequestVerificationToken"] = PageSessions.FormToken(page);
        return new FormUrlEncodedContent(form);
    }
}

public sealed class PortalSessionSqliteTests(SqliteReminderApp app) : PortalSessionTests(app), IClassFixture<SqliteReminderApp>;

public sealed class PortalSessionPostgresTests(PostgresReminderApp app) : PortalSessionTests(app), IClassFixture<PostgresReminderApp>;
