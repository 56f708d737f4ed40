using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Requests;
using Microsoft.AspNetCore.Hosting;

namespace Caseload.Web.Tests.Account;

/// <summary>Finding 8: repeated sign-in attempts are throttled per account and per address, for known and unknown emails alike.</summary>
public abstract class SignInThrottleTests(CaseloadApp app)
{
    public const int PerAccount = 3;
    public const int PerAddress = 8;

    /// <summary>The default window, which the test apps keep.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> LoginAsync(string email, string password = "wrong-password-1") =>
        app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password }, Ct);

    [Fact]
    public async Task Login_PastTheLimitForOneKnownAccount_Is429WithRetryAfter()
    {
        var email = (await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Guessed At", "Scheduler")).Email;
        for (var i = 0; i < PerAccount; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email)).StatusCode);
        }

        var throttled = await LoginAsync(email, CaseloadApp.Password);

        await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too-many-attempts");
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Login_PastTheLimitForAnUnknownAccount_Is429AsForAKnownOne()
    {
        var email = $"{Guid.NewGuid():N}@nobody.example";
        for (var i = 0; i < PerAccount; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email)).StatusCode);
        }

        var throttled = await LoginAsync(email);

        await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too-many-attempts");
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Login_ThrottledForOneAccount_LeavesAnotherAccountAlone()
    {
        var guessed = $"{Guid.NewGuid():N}@nobody.example";
        for (var i = 0; i <= PerAccount; i++)
        {
            await LoginAsync(guessed);
        }

        var other = await LoginAsync(CaseloadApp.AdminEmail, CaseloadApp.Password);

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Login_ThrottledForOneAccount_IsLetInAgainWhenTheWindowEnds()
    {
        var email = (await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Came Back", "Scheduler")).Email;
        for (var i = 0; i < PerAccount; i++)
        {
            await LoginAsync(email);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(email, CaseloadApp.Password)).StatusCode);
        app.Time.Advance(Window - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(email, CaseloadApp.Password)).StatusCode);
        app.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, CaseloadApp.Password)).StatusCode);
    }

    [Fact]
    public async Task Login_RightPasswordMoreTimesThanTheLimit_IsNeverThrottled_AWrongOneAfterwardsCountsAfresh()
    {
        var email = (await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Signs In Often", "Scheduler")).Email;
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email)).StatusCode);
        for (var i = 0; i <= PerAccount; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, CaseloadApp.Password)).StatusCode);
        }

        for (var i = 0; i < PerAccount; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(email, CaseloadApp.Password)).StatusCode);
    }

    [Fact]
    public async Task PortalSignIn_PastTheLimitForOneEmail_Is429WithRetryAfter_AsItIsForCodes()
    {
        var email = $"{Guid.NewGuid():N}@nobody.example";
        var portal = app.CreateClient();
        for (var i = 0; i < PerAccount; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await portal.PostAsJsonAsync("/portal/api/v1/sign-in", new { email }, Ct)).StatusCode);
        }

        var asking = await portal.PostAsJsonAsync("/portal/api/v1/sign-in", new { email }, Ct);
        var verifying = await portal.PostAsJsonAsync("/portal/api/v1/sign-in/verify", new { email, code = "123456" }, Ct);

        await asking.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too-many-attempts");
        await verifying.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too-many-attempts");
        Assert.True(asking.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task PortalSignIn_ThrottledForAnEmail_LeavesTheStaffSignInOfTheSameEmailAlone()
    {
        var email = (await app.CreateStaffAsync($"{Guid.NewGuid():N}@test.example", "Also A Client", "Scheduler")).Email;
        var portal = app.CreateClient();
        for (var i = 0; i <= PerAccount; i++)
        {
            await portal.PostAsJsonAsync("/portal/api/v1/sign-in", new { email }, Ct);
        }

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, CaseloadApp.Password)).StatusCode);
    }

    [Fact]
    public async Task SignInPageCodeStep_PastTheLimitOfWrongCodes_Is429EvenForTheRightCode()
    {
        var (email, key, _) = await app.StaffWithTwoFactorAsync();
        var browser = app.CreateClient(new() { AllowAutoRedirect = false });
        await CookieSignIn.PostPasswordAsync(browser, email);
        for (var i = 0; i < PerAccount; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await CookieSignIn.PostFormAsync(browser, "/Account/LoginCode", new() { ["Code"] = app.WrongCode(key) })).StatusCode);
        }

        var throttled = await CookieSignIn.PostFormAsync(browser, "/Account/LoginCode", new() { ["Code"] = Totp.Code(key, app.Time.GetUtcNow()) });

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task SignInPage_PastTheLimitForOneAccount_Is429()
    {
        var email = $"{Guid.NewGuid():N}@nobody.example";
        for (var i = 0; i < PerAccount; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.PostSignInAsync(email, "wrong-password-1")).Response.StatusCode);
        }

        var (throttled, _) = await app.PostSignInAsync(email, "wrong-password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}

/// <summary>
/// The address limit: attempts for many accounts from one address (each forwarded by the trusted proxy as a
/// different client address, one per test) are refused past it with the answer one account gets past its own.
/// </summary>
public abstract class AddressThrottleTests(CaseloadApp app)
{
    private static int s_lastAddress;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _address = $"198.51.100.{Interlocked.Increment(ref s_lastAddress)}";

    private static string AnyEmail() => $"{Guid.NewGuid():N}@nobody.example";

    private async Task<HttpResponseMessage> LoginAsync(string email, string? from = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email, password = "wrong-password-1" }),
        };
        request.Headers.Add("X-Forwarded-For", from ?? _address);
        return await app.CreateClient().SendAsync(request, Ct);
    }

    private static async Task<(int Status, string? Code, string? Title)> AnswerOfAsync(HttpResponseMessage response)
    {
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return ((int)response.StatusCode, body.GetProperty("code").GetString(), body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Login_ForManyAccountsFromOneAddress_PastTheAddressLimit_Is429AsForOneAccount()
    {
        var guessed = AnyEmail();
        for (var i = 0; i < SignInThrottleTests.PerAccount; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(guessed)).StatusCode);
        }

        var accountAnswer = await AnswerOfAsync(await LoginAsync(guessed));
        for (var i = SignInThrottleTests.PerAccount; i < SignInThrottleTests.PerAddress; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(AnyEmail())).StatusCode);
        }

        var fresh = AnyEmail();
        var addressAnswer = await AnswerOfAsync(await LoginAsync(fresh));

        Assert.Equal(((int)HttpStatusCode.TooManyRequests, "too-many-attempts"), (accountAnswer.Status, accountAnswer.Code));
        Assert.Equal(accountAnswer, addressAnswer);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(fresh, from: "192.0.2.200")).StatusCode);
    }

    [Fact]
    public async Task Login_FromAThrottledAddress_IsLetInAgainWhenTheWindowEnds()
    {
        for (var i = 0; i < SignInThrottleTests.PerAddress; i++)
        {
            await LoginAsync(AnyEmail());
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(AnyEmail())).StatusCode);
        app.Time.Advance(SignInThrottleTests.Window);

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(AnyEmail())).StatusCode);
    }
}

/// <summary>The limits are small here (and the address limit larger than the account limit) so a few requests reach them.</summary>
public abstract class ThrottledApp(TestDatabase database) : CaseloadApp(database, ownsDatabase: true)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Caseload:SignInThrottle:AttemptsPerAccount", SignInThrottleTests.PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Caseload:SignInThrottle:AttemptsPerAddress", "1000");
    }
}

public sealed class ThrottledSqliteApp() : ThrottledApp(new SqliteTestDatabase());

public sealed class ThrottledPostgresApp() : ThrottledApp(new PostgresTestDatabase());

public sealed class SignInThrottleSqliteTests(ThrottledSqliteApp app) : SignInThrottleTests(app), IClassFixture<ThrottledSqliteApp>;

public sealed class SignInThrottlePostgresTests(ThrottledPostgresApp app) : SignInThrottleTests(app), IClassFixture<ThrottledPostgresApp>;

/// <summary>Behind the trusted proxy, with a small limit per address (and a smaller one per account).</summary>
public abstract class AddressThrottledApp(TestDatabase database) : CaseloadApp(database, ownsDatabase: true)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        TestOnlyHosts.Configure(builder);
        builder.UseSetting("Caseload:SignInThrottle:AttemptsPerAccount", SignInThrottleTests.PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Caseload:SignInThrottle:AttemptsPerAddress", SignInThrottleTests.PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class AddressThrottledSqliteApp() : AddressThrottledApp(new SqliteTestDatabase());

public sealed class AddressThrottledPostgresApp() : AddressThrottledApp(new PostgresTestDatabase());

public sealed class AddressThrottleSqliteTests(AddressThrottledSqliteApp app) : AddressThrottleTests(app), IClassFixture<AddressThrottledSqliteApp>;

public sealed class AddressThrottlePostgresTests(AddressThrottledPostgresApp app) : AddressThrottleTests(app), IClassFixture<AddressThrottledPostgresApp>;
