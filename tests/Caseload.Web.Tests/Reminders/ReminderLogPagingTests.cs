using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Reminders;

/// <summary>
/// The reminder log a page at a time: the page shows 50 rows with its filters kept across pages, upcoming reminders
/// soonest first by default; <c>GET /api/v1/reminders</c> keeps its array and its answer without paging parameters,
/// and pages with <c>page</c>, <c>pageSize</c> and <c>order</c>, the total in <c>X-Total-Count</c>, the pages in <c>Link</c>.
/// Each test books its own sessions on days no other test of this class uses and filters the log to those days.
/// </summary>
public abstract partial class ReminderLogPagingTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Weekly sessions from <paramref name="day"/> on for a group whose members all take email reminders: two reminders
    /// (48 h and 2 h) per member and session. Returns the filter of the weeks booked.
    /// </summary>
    private async Task<string> EmailRemindersAsync(int day, int members, int sessions)
    {
        var setup = await app.RemindedGroupAsync([.. Enumerable.Repeat((true, false), members)]);
        await setup.Http.BookAsync(setup.Session(app.At(days: day)) with { Recurrence = RecurrencePayload.Weekly(sessions) });
        return $"channel=email&from={app.Date(day - 3)}&to={app.Date(day + (7 * sessions))}";
    }

    private static async Task<(JsonElement[] Items, HttpResponseMessage Response)> LogAsync(HttpClient http, string query)
    {
        var response = await http.GetAsync($"/api/v1/reminders?{query}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return ([.. JsonDocument.Parse(body).RootElement.EnumerateArray()], response);
    }

    private static string[] DueTimes(IEnumerable<JsonElement> items) => [.. items.Select(r => r.Text("dueAt"))];

    [Fact]
    public async Task RemindersApi_WithPageAndPageSize_AnswersThatPageWithTheTotalAndLinks()
    {
        var filter = await EmailRemindersAsync(day: 40, members: 3, sessions: 3);
        var scheduler = await app.StaffAsync("Scheduler");

        var (items, response) = await LogAsync(scheduler.Client, $"{filter}&page=2&pageSize=5");

        Assert.Equal(5, items.Length);
        Assert.Equal("18", Assert.Single(response.Headers.GetValues("X-Total-Count")));
        var links = string.Join(",", response.Headers.GetValues("Link"));
        Assert.Contains("page=3&pageSize=5>; rel=\"next\"", links, StringComparison.Ordinal);
        Assert.Contains("page=1&pageSize=5>; rel=\"prev\"", links, StringComparison.Ordinal);
        Assert.Contains("page=4&pageSize=5>; rel=\"last\"", links, StringComparison.Ordinal);
        Assert.Contains("channel=email", links, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemindersApi_PagesTogether_HoldTheWholeAnswerOnceInTheSameOrder()
    {
        var filter = await EmailRemindersAsync(day: 70, members: 3, sessions: 3);
        var scheduler = await app.StaffAsync("Scheduler");
        var (whole, _) = await LogAsync(scheduler.Client, filter);

        var paged = new List<JsonElement>();
        for (var page = 1; page <= 4; page++)
        {
            paged.AddRange((await LogAsync(scheduler.Client, $"{filter}&page={page}&pageSize=5")).Items);
        }

        Assert.Equal(whole.Select(r => r.Text("id")), paged.Select(r => r.Text("id")));
    }

    [Fact]
    public async Task RemindersApi_WithoutPagingParameters_AnswersEveryMatchLatestDueFirstAsBefore()
    {
        var filter = await EmailRemindersAsync(day: 100, members: 3, sessions: 3);
        var scheduler = await app.StaffAsync("Scheduler");

        var (items, response) = await LogAsync(scheduler.Client, filter);

        Assert.Equal(18, items.Length);
        Assert.Equal("18", Assert.Single(response.Headers.GetValues("X-Total-Count")));
        Assert.Equal(DueTimes(items).OrderByDescending(RemindersApi.InstantOf), DueTimes(items));
    }

    [Fact]
    public async Task RemindersApi_OrderOldest_IsEarliestDueFirst()
    {
        var filter = await EmailRemindersAsync(day: 130, members: 2, sessions: 2);
        var scheduler = await app.StaffAsync("Scheduler");

        var (items, _) = await LogAsync(scheduler.Client, $"{filter}&order=oldest");

        Assert.Equal(8, items.Length);
        Assert.Equal(DueTimes(items).OrderBy(RemindersApi.InstantOf), DueTimes(items));
    }

    [Theory]
    [InlineData("page", "0")]
    [InlineData("page", "two")]
    [InlineData("pageSize", "0")]
    [InlineData("pageSize", "501")]
    [InlineData("order", "sideways")]
    public async Task RemindersApi_WithAnUnreadablePageSizeOrOrder_IsRefusedNamingTheField(string field, string value)
    {
        var scheduler = await app.StaffAsync("Scheduler");

        var response = await scheduler.Client.GetAsync($"/api/v1/reminders?{field}={value}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task ReminderLogPage_ShowsFiftyRowsAPage_AndKeepsTheFiltersAcrossPages()
    {
        var filter = await EmailRemindersAsync(day: 160, members: 9, sessions: 3);
        var scheduler = await app.StaffAsync("Scheduler");
        using var browser = await app.SignInWithTheCookieAsync(scheduler.Email);

        var first = await browser.GetStringAsync($"/Reminders?{filter}&order=oldest", Ct);

        Assert.Equal(50, Rows(first));
        Assert.Contains("Page 1 of 2 · 54 reminders", first, StringComparison.Ordinal);
        var next = NextLink().Match(first);
        Assert.True(next.Success, "no Next link");
        var href = WebUtility.HtmlDecode(next.Groups[1].Value);
        Assert.All(filter.Split('&').Append("order=oldest").Append("pageNumber=2"), part => Assert.Contains(part, href, StringComparison.Ordinal));
        var second = await browser.GetStringAsync(href, Ct);
        Assert.Equal(4, Rows(second));
        Assert.Contains("Page 2 of 2 · 54 reminders", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReminderLogPage_ByDefault_ShowsUpcomingRemindersSoonestFirst()
    {
        var filter = await EmailRemindersAsync(day: 200, members: 2, sessions: 2);
        var scheduler = await app.StaffAsync("Scheduler");
        using var browser = await app.SignInWithTheCookieAsync(scheduler.Email);

        var html = await browser.GetStringAsync($"/Reminders?{filter}", Ct);

        var due = DueCell().Matches(html).Select(m => DateTime.ParseExact(m.Groups[1].Value, "MM/dd/yyyy h:mm tt", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(8, due.Count);
        Assert.Equal(due.Order(), due);
    }

    private static int Rows(string html) => html.Split("<a href=\"/Appointments/").Length - 1;

    [GeneratedRegex("<a class=\"page-link\" href=\"([^\"]+)\" rel=\"next\">")]
    private static partial Regex NextLink();

    [GeneratedRegex("<td>(\\d{2}/\\d{2}/\\d{4} \\d{1,2}:\\d{2} [AP]M)</td>")]
    private static partial Regex DueCell();
}

public sealed class ReminderLogPagingSqliteTests(SqliteApp app) : ReminderLogPagingTests(app), IClassFixture<SqliteApp>;

public sealed class ReminderLogPagingPostgresTests(PostgresApp app) : ReminderLogPagingTests(app), IClassFixture<PostgresApp>;
