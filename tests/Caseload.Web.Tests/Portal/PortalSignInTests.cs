using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Reminders;

namespace Caseload.Web.Tests.Portal;

/// <summary>
/// Issue 18: clients sign in with a six-digit code sent to the invited email: single use, 15 minutes, newest only,
/// five tries; the answer to asking is the same for every email, and only an invited client is emailed.
/// </summary>
public abstract class PortalSignInTests(ReminderApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AskForACode_KnownAndUnknownEmail_SameStatusAndBody_AndOnlyTheKnownIsEmailed()
    {
        var client = await app.InvitedClientAsync();
        var unknown = PortalApi.NewEmail();

        var toUnknown = await app.AskForCodeAsync(unknown);
        var toKnown = await app.AskForCodeAsync(client.Email);

        Assert.Equal(HttpStatusCode.Accepted, toUnknown.StatusCode);
        Assert.Equal(toUnknown.StatusCode, toKnown.StatusCode);
        Assert.Equal(await toUnknown.Content.ReadAsStringAsync(Ct), await toKnown.Content.ReadAsStringAsync(Ct));
        await app.Inbox.WaitForAsync(client.Email, 2);
        Assert.Empty(app.Inbox.To(unknown));
    }

    [Fact]
    public async Task AskForACode_WhenThePortalIsOff_AnswersTheSame_AndSendsNothing()
    {
        var client = await app.InvitedClientAsync();
        var answerWhenOn = await (await app.AskForCodeAsync(PortalApi.NewEmail())).Content.ReadAsStringAsync(Ct);
        await app.SetPortalAsync(false);

        var response = await app.AskForCodeAsync(client.Email);
        await app.SetPortalAsync(true);
        var other = await app.InvitedClientAsync();
        await app.NewCodeAsync(other.Email);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(answerWhenOn, await response.Content.ReadAsStringAsync(Ct));
        Assert.Single(app.Inbox.To(client.Email));
    }

    [Fact]
    public async Task Verify_TheEmailedCode_GivesATokenThatReadsOnlyTheClientsOwnNameEmailAndPractice()
    {
        var client = await app.InvitedClientAsync();
        var code = await app.NewCodeAsync(client.Email);

        var response = await app.VerifyAsync(client.Email, code);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        var me = await http.GetFromJsonAsync<JsonElement>(PortalApi.Me, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1800, token.GetProperty("expiresIn").GetInt32());
        Assert.Equal(new[] { "email", "firstName", "lastName", "practiceName" }, me.EnumerateObject().Select(p => p.Name).Order().ToArray());
        Assert.Equal(client.Email, me.GetProperty("email").GetString());
        Assert.Equal("Ada", me.GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task Verify_TheSameCodeASecondTime_Is401CodeInvalid_SingleUse()
    {
        var client = await app.InvitedClientAsync();
        var code = await app.NewCodeAsync(client.Email);
        Assert.Equal(HttpStatusCode.OK, (await app.VerifyAsync(client.Email, code)).StatusCode);

        var again = await app.VerifyAsync(client.Email, code);

        await again.AssertProblemAsync(HttpStatusCode.Unauthorized, "code-invalid");
    }

    [Fact]
    public async Task Verify_FifteenMinutesAfterTheCodeWasSent_Is401_AMinuteBeforeItWorks()
    {
        var client = await app.InvitedClientAsync();
        var stale = await app.NewCodeAsync(client.Email);
        app.Time.Advance(TimeSpan.FromMinutes(15));
        var refused = await app.VerifyAsync(client.Email, stale);
        var fresh = await app.NewCodeAsync(client.Email);
        app.Time.Advance(TimeSpan.FromMinutes(14));

        var taken = await app.VerifyAsync(client.Email, fresh);

        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "code-invalid");
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
    }

    [Fact]
    public async Task Verify_AnOlderCodeAfterANewerWasSent_Is401_TheNewestWorks()
    {
        var client = await app.InvitedClientAsync();
        var older = await app.NewCodeAsync(client.Email);
        var newer = await app.NewCodeAsync(client.Email);
        Assert.NotEqual(older, newer);

        var refused = await app.VerifyAsync(client.Email, older);
        var taken = await app.VerifyAsync(client.Email, newer);

        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "code-invalid");
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
    }

    [Fact]
    public async Task Verify_AfterFiveWrongCodes_TheRightCodeIs401()
    {
        var client = await app.InvitedClientAsync();
        var code = await app.NewCodeAsync(client.Email);
        for (var i = 0; i < 5; i++)
        {
            await (await app.VerifyAsync(client.Email, Wrong(code))).AssertProblemAsync(HttpStatusCode.Unauthorized, "code-invalid");
        }

        var refused = await app.VerifyAsync(client.Email, code);

        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "code-invalid");
    }

    [Fact]
    public async Task Verify_AfterFourWrongCodes_TheRightCodeStillWorks()
    {
        var client = await app.InvitedClientAsync();
        var code = await app.NewCodeAsync(client.Email);
        for (var i = 0; i < 4; i++)
        {
            await app.VerifyAsync(client.Email, Wrong(code));
        }

        Assert.Equal(HttpStatusCode.OK, (await app.VerifyAsync(client.Email, code)).StatusCode);
    }

    [Fact]
    public async Task Verify_AnUnknownEmail_Is401CodeInvalid_AsAWrongCodeIs()
    {
        var client = await app.InvitedClientAsync();
        var code = await app.NewCodeAsync(client.Email);

        var unknown = await app.VerifyAsync(PortalApi.NewEmail(), code);
        var wrong = await app.VerifyAsync(client.Email, Wrong(code));

        var unknownBody = await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized, "code-invalid");
        var wrongBody = await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, "code-invalid");
        Assert.Equal(wrongBody.GetProperty("title").GetString(), unknownBody.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AskForACode_AfterTheChartEmailChanged_SendsNothingToEitherEmail()
    {
        var client = await app.InvitedClientAsync();
        var changed = PortalApi.NewEmail();
        await client.ChangeChartEmailAsync(changed);

        await app.AskForCodeAsync(client.Email);
        await app.AskForCodeAsync(changed);
        var other = await app.InvitedClientAsync();
        await app.NewCodeAsync(other.Email);

        Assert.Single(app.Inbox.To(client.Email));
        Assert.Empty(app.Inbox.To(changed));
    }

    [Fact]
    public async Task Verify_ForAClientWithAnAuthenticatorApp_WithoutItsCodeIs401TwoFactorRequired_WithBothItSignsIn()
    {
        var client = await app.InvitedClientAsync();
        using var http = await app.SignedInAsync(client);
        var prepared = await http.PostAsync("/portal/api/v1/me/authenticator", null, Ct);
        var key = (await prepared.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("sharedKey").GetString()!;
        var refusedOn = await http.PostAsJsonAsync("/portal/api/v1/me/authenticator/turn-on", new { code = Wrong(Totp.Code(key, app.Time.GetUtcNow())) }, Ct);
        var turnedOn = await http.PostAsJsonAsync("/portal/api/v1/me/authenticator/turn-on", new { code = Totp.Code(key, app.Time.GetUtcNow()) }, Ct);
        var code = await app.NewCodeAsync(client.Email);

        var without = await app.VerifyAsync(client.Email, code);
        var withBoth = await app.CreateClient().PostAsJsonAsync(PortalApi.Verify,
            new { email = client.Email, code, authenticatorCode = Totp.Code(key, app.Time.GetUtcNow()) }, Ct);

        await refusedOn.AssertFieldErrorAsync("code");
        Assert.Equal(HttpStatusCode.NoContent, turnedOn.StatusCode);
        await without.AssertProblemAsync(HttpStatusCode.Unauthorized, "two-factor-required");
        Assert.Equal(HttpStatusCode.OK, withBoth.StatusCode);
    }

    [Fact]
    public async Task Verify_ForAClientWithAnAuthenticatorApp_AWrongAppCodeIs401CodeInvalid()
    {
        var client = await app.InvitedClientAsync();
        using var http = await app.SignedInAsync(client);
        var prepared = await http.PostAsync("/portal/api/v1/me/authenticator", null, Ct);
        var key = (await prepared.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("sharedKey").GetString()!;
        await http.PostAsJsonAsync("/portal/api/v1/me/authenticator/turn-on", new { code = Totp.Code(key, app.Time.GetUtcNow()) }, Ct);
        var code = await app.NewCodeAsync(client.Email);

        var wrong = await app.CreateClient().PostAsJsonAsync(PortalApi.Verify,
            new { email = client.Email, code, authenticatorCode = Wrong(Totp.Code(key, app.Time.GetUtcNow())) }, Ct);

        var body = await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, "code-invalid");
        Assert.True(body.GetProperty("errors").TryGetProperty("authenticatorCode", out _));
    }

    private static string Wrong(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class PortalSignInSqliteTests(SqliteReminderApp app) : PortalSignInTests(app), IClassFixture<SqliteReminderApp>;

public sealed class PortalSignInPostgresTests(PostgresReminderApp app) : PortalSignInTests(app), IClassFixture<PostgresReminderApp>;
