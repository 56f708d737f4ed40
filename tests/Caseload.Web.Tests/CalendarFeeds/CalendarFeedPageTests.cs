using System.Net;
using System.Text.RegularExpressions;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.CalendarFeeds;

/// <summary>The feed pages as a browser uses them: a clinician makes and turns off their feed; an administrator sees and ends anyone's.</summary>
public abstract partial class CalendarFeedPageTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, string? handler = null)
    {
        var form = await browser.GetStringAsync(page, Ct);
        return await browser.PostAsync(page + (handler is null ? "" : $"?handler={handler}"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageSessions.FormToken(form),
        }), Ct);
    }

    [Fact]
    public async Task FeedPage_MakingAFeed_ShowsItsAddressOnce_AndTheAddressServesTheCalendar()
    {
        var morgan = await app.StaffAsync("Clinician");
        var browser = await app.SignInWithTheCookieAsync(morgan.Email);

        var made = await PostFormAsync(browser, "/CalendarFeed");
        var html = await made.Content.ReadAsStringAsync(Ct);
        var url = FeedUrl().Match(html).Groups[1].Value;
        var later = await browser.GetStringAsync("/CalendarFeed", Ct);

        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.FetchAsync(new Uri(url).AbsolutePath)).StatusCode);
        Assert.Contains("data-copy=\"feed-url\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(url, later, StringComparison.Ordinal);
        Assert.Contains("Your current address was made on", later, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedPage_TurningItOff_MakesTheAddress404()
    {
        var morgan = await app.StaffAsync("Clinician");
        var path = await morgan.Client.CreateFeedAsync();
        var browser = await app.SignInWithTheCookieAsync(morgan.Email);

        var off = await PostFormAsync(browser, "/CalendarFeed", "Revoke");

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.FetchAsync(path)).StatusCode);
    }

    [Fact]
    public async Task FeedPage_ForASchedulerWithoutSessions_OffersNoFeed()
    {
        var scheduler = await app.StaffAsync("Scheduler");
        var browser = await app.SignInWithTheCookieAsync(scheduler.Email);

        var html = await browser.GetStringAsync("/CalendarFeed", Ct);

        Assert.Contains("data-testid=\"feed-not-offered\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Make my calendar feed", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffPages_ShowWhoHasAFeed_AndAnAdministratorTurnsItOff()
    {
        var morgan = await app.StaffAsync("Clinician");
        var path = await morgan.Client.CreateFeedAsync();
        var admin = await app.SignInWithTheCookieAsync(CaseloadApp.AdminEmail);

        var list = await admin.GetStringAsync("/Settings/Users", Ct);
        var off = await PostFormAsync(admin, $"/Settings/Users/Edit/{morgan.UserId}", "RevokeFeed");

        var row = list[list.IndexOf(morgan.UserId, StringComparison.Ordinal)..];
        Assert.Contains("<td data-testid=\"calendar-feed\">On</td>", row[..row.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.FetchAsync(path)).StatusCode);
    }

    [GeneratedRegex("id=\"feed-url\" class=\"form-control font-monospace\" value=\"([^\"]+)\"")]
    private static partial Regex FeedUrl();
}

public sealed class CalendarFeedPageSqliteTests(SqliteApp app) : CalendarFeedPageTests(app), IClassFixture<SqliteApp>;

public sealed class CalendarFeedPagePostgresTests(PostgresApp app) : CalendarFeedPageTests(app), IClassFixture<PostgresApp>;
