using System.Net;
using System.Net.Http.Json;
using Caseload.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Caseload.Web.Tests.Account;

/// <summary>Finding 8: repeated sign-in attempts are throttled per account and per address, for known and unknown emails alike.</summary>
public abstract class SignInThrottleTests(CaseloadApp app)
{
    public const int PerAccount = 3;
    public const int PerAddress = 8;

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
