using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Notes;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Settings;

/// <summary>
/// One date and time format everywhere, chosen by the practice (us by default): pages, warnings and print views write
/// it; the JSON API, exports and ETags stay ISO. The tests of a class share one app, so each sets the format it needs.
/// </summary>
public abstract class DateFormatTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Practice_ByDefaultWritesDatesTheUsWay_AndAPutWithoutDateFormatKeepsTheChosenOne()
    {
        var admin = await app.AdminAsync();
        await app.UseDateFormatAsync("us");
        var before = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/practice", Ct))!;

        await app.UseDateFormatAsync("iso");
        before.Remove("dateFormat");
        var put = await (await admin.PutAsJsonAsync("/api/v1/practice", before, Ct)).AssertOkAsync();

        Assert.Equal("iso", put.Text("dateFormat"));
        Assert.Equal("iso", (await admin.GetFromJsonAsync<JsonElement>("/api/v1/practice", Ct)).Text("dateFormat"));
        await app.UseDateFormatAsync("us");
    }

    [Theory]
    [InlineData("european")]
    [InlineData("")]
    public async Task Put_WithADateFormatNotOffered_Is400NamingDateFormat_AndKeepsTheFormat(string format)
    {
        var admin = await app.AdminAsync();
        await app.UseDateFormatAsync("international");
        var practice = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/practice", Ct))!;
        practice["dateFormat"] = format;

        await (await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct)).AssertFieldErrorAsync("dateFormat");

        Assert.Equal("international", (await admin.GetFromJsonAsync<JsonElement>("/api/v1/practice", Ct)).Text("dateFormat"));
    }

    [Fact]
    public async Task Put_OfTheDateFormat_ByAClinician_Is403()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PutAsJsonAsync("/api/v1/practice", new { name = "X", timeZone = "UTC", currency = "USD",
            missedSessionFee = 0, reminderLeadTimesHours = new[] { 48 }, dateFormat = "iso" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>The signed note, its print view, the appointment's history and a double-booking warning, each in the chosen format.</summary>
    [Theory]
    [InlineData("us", "12/01/2026 10:00 AM", "Tue 11/24/2026 10:00 AM")]
    [InlineData("international", "01/12/2026 10:00", "Tue 24/11/2026 10:00")]
    [InlineData("iso", "2026-12-01 10:00", "Tue 2026-11-24 10:00")]
    public async Task PagesAndWarnings_WriteDatesInThePracticesFormat_WhileTheApiStaysIso(string format, string signedAt, string warnedAt)
    {
        await app.UseDateFormatAsync(format);
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();

        var notePage = WebUtility.HtmlDecode(await session.Http.GetStringAsync($"/Appointments/{session.Id}/Note", Ct));
        var print = WebUtility.HtmlDecode(await session.Http.GetStringAsync($"/Appointments/{session.Id}/Note/Print/{session.Alice}", Ct));
        var clash = await session.Http.BookAsync(session.Setup.Session(NotesApi.HeldLastWeek));
        var details = WebUtility.HtmlDecode(await session.Http.GetStringAsync($"/Appointments/{session.Id}", Ct));
        var api = await session.Http.AppointmentAsync(session.Id);

        Assert.Contains($"Signed by Test Clinician, {signedAt}", notePage, StringComparison.Ordinal);
        Assert.Contains($"Signed by Test Clinician, {signedAt}", print, StringComparison.Ordinal);
        Assert.Contains(clash.GetProperty("warnings").EnumerateArray(),
            w => w.Text("message") == $"The clinician already has an appointment at {warnedAt}.");
        Assert.Contains(signedAt, details, StringComparison.Ordinal);
        Assert.Equal(("2026-11-24", NotesApi.HeldLastWeek), (api.Text("localDate"), api.Text("start")));
        await app.UseDateFormatAsync("us");
    }

    [Theory]
    [InlineData("us", "12/01/2026")]
    [InlineData("international", "01/12/2026")]
    [InlineData("iso", "2026-12-01")]
    public async Task SettingsPage_ChangesTheDateFormat_AndTheNextPageWritesIt(string format, string today)
    {
        var browser = await app.SignInWithTheCookieAsync(CaseloadApp.AdminEmail);
        var form = await browser.GetStringAsync("/Settings/Practice", Ct);
        var admin = await app.AdminAsync();
        var practice = await admin.GetFromJsonAsync<JsonElement>("/api/v1/practice", Ct);

        var saved = await browser.PostAsync("/Settings/Practice", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageSessions.FormToken(form),
            ["Input.Name"] = practice.Text("name"),
            ["Input.TimeZone"] = practice.Text("timeZone"),
            ["Input.Currency"] = practice.Text("currency"),
            ["Input.MissedSessionFee"] = "0",
            ["Input.ReminderLeadTimesHours"] = "48, 2",
            ["Input.IdleMinutes"] = "15",
            ["Input.DateFormat"] = format,
        }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(format, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/practice", Ct)).Text("dateFormat"));
        var group = await app.ClinicianWithGroupAsync(members: 1);
        var groupPage = WebUtility.HtmlDecode(await group.Http.GetStringAsync($"/Groups/{group.GroupId}", Ct));
        Assert.Contains($"<td>{today}</td>", groupPage, StringComparison.Ordinal);
        await app.UseDateFormatAsync("us");
    }
}

public sealed class DateFormatSqliteTests(SqliteApp app) : DateFormatTests(app), IClassFixture<SqliteApp>;

public sealed class DateFormatPostgresTests(PostgresApp app) : DateFormatTests(app), IClassFixture<PostgresApp>;
