using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using NodaTime;
using static Caseload.Web.Tests.Reminders.RemindersApi;

namespace Caseload.Web.Tests.Reminders;

/// <summary>Rule 10 and the practice's reminder settings: lead times re-plan future reminders; templates admit only known placeholders.</summary>
public abstract class ReminderSettingsTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PutLeadTimesAsync(HttpClient admin, params int[] hours)
    {
        var practice = await admin.GetFromJsonAsync<JsonElement>("/api/v1/practice", Ct);
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(practice.GetRawText())!;
        body["reminderLeadTimesHours"] = JsonSerializer.SerializeToElement(hours);
        return await admin.PutAsJsonAsync("/api/v1/practice", body, Ct);
    }

    [Fact]
    public async Task ChangingThePracticesLeadTimes_ReplansEveryFutureAppointmentsPendingReminders_Rule10()
    {
        var admin = await app.AdminAsync();
        var setup = await app.RemindedGroupAsync((true, true));
        var member = setup.Members[0].Id;
        var start = app.At(days: 7);
        var appointment = (await setup.Http.BookOneAsync(setup.Session(start))).Id();

        var changed = await PutLeadTimesAsync(admin, 24);
        try
        {
            Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync(Ct));
            var reminders = await setup.Http.RemindersOfAsync(appointment);
            var dayBefore = InstantOf(start) - Duration.FromHours(24);
            Assert.Equal(
                [("email", dayBefore, "pending"), ("text", dayBefore, "pending")],
                reminders.Of(member).Where(r => r.Status == "pending").ToArray());
            Assert.Equal(4, reminders.Count(r => r.Text("status") == "cancelled"));
            Assert.All(reminders.Where(r => r.Text("status") == "cancelled"), r => Assert.NotEqual(24, r.GetProperty("leadHours").GetInt32()));
        }
        finally
        {
            (await PutLeadTimesAsync(admin, 48, 2)).EnsureSuccessStatusCode();
        }

        Assert.Equal(4, (await setup.Http.RemindersOfAsync(appointment)).Count(r => r.Text("status") == "pending"));
    }

    [Fact]
    public async Task PuttingThePracticeWithTheSameLeadTimes_LeavesRemindersAsTheyAre_Rule10()
    {
        var admin = await app.AdminAsync();
        var setup = await app.RemindedGroupAsync((true, false));
        var appointment = (await setup.Http.BookOneAsync(setup.Session(app.At(days: 7)))).Id();
        var before = (await setup.Http.RemindersOfAsync(appointment)).Select(r => r.Text("id")).Order().ToArray();

        (await PutLeadTimesAsync(admin, 48, 2)).EnsureSuccessStatusCode();

        var after = await setup.Http.RemindersOfAsync(appointment);
        Assert.Equal(before, after.Select(r => r.Text("id")).Order().ToArray());
        Assert.All(after, r => Assert.Equal("pending", r.Text("status")));
    }

    [Fact]
    public async Task ReminderTemplates_ForTheAdministrator_AreTheDefaultsWithPlaceholders_Rule10()
    {
        var admin = await app.AdminAsync();

        var templates = await admin.GetFromJsonAsync<JsonElement>("/api/v1/reminder-templates", Ct);

        Assert.Contains("{date}", templates.Text("emailSubject"), StringComparison.Ordinal);
        Assert.Contains("{practice}", templates.Text("emailBody"), StringComparison.Ordinal);
        Assert.Contains("{time}", templates.Text("textBody"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("emailSubject")]
    [InlineData("emailBody")]
    [InlineData("textBody")]
    public async Task ReminderTemplates_WithAnUnknownPlaceholder_AreRefusedNamingTheField_Rule10(string field)
    {
        var admin = await app.AdminAsync();
        var templates = JsonSerializer.Deserialize<Dictionary<string, string>>(
            (await admin.GetFromJsonAsync<JsonElement>("/api/v1/reminder-templates", Ct)).GetRawText())!;
        var original = templates[field];
        templates[field] = "Your {group} session ({serviceCode}) is at {time}.";

        var response = await admin.PutAsJsonAsync("/api/v1/reminder-templates", templates, Ct);

        var problem = await response.AssertFieldErrorAsync(field);
        Assert.Contains("{group}", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        var kept = await admin.GetFromJsonAsync<JsonElement>("/api/v1/reminder-templates", Ct);
        Assert.Equal(original, kept.Text(field));
    }

    [Fact]
    public async Task ReminderTemplates_WithKnownPlaceholders_AreSaved_Rule10()
    {
        var admin = await app.AdminAsync();
        var templates = JsonSerializer.Deserialize<Dictionary<string, string>>(
            (await admin.GetFromJsonAsync<JsonElement>("/api/v1/reminder-templates", Ct)).GetRawText())!;
        templates["textBody"] = "{practice}: see you {date} at {time}, {location}. Questions: {phone}";

        var response = await admin.PutAsJsonAsync("/api/v1/reminder-templates", templates, Ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(templates["textBody"], (await admin.GetFromJsonAsync<JsonElement>("/api/v1/reminder-templates", Ct)).Text("textBody"));
    }

    [Fact]
    public async Task ReminderTemplates_ForTheFrontDesk_AreForbidden()
    {
        var scheduler = await app.StaffAsync("Scheduler");

        var get = await scheduler.Client.GetAsync("/api/v1/reminder-templates", Ct);
        var put = await scheduler.Client.PutAsJsonAsync("/api/v1/reminder-templates",
            new { emailSubject = "x {date}", emailBody = "y", textBody = "z" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
    }
}

public sealed class ReminderSettingsSqliteTests(SqliteApp app) : ReminderSettingsTests(app), IClassFixture<SqliteApp>;

public sealed class ReminderSettingsPostgresTests(PostgresApp app) : ReminderSettingsTests(app), IClassFixture<PostgresApp>;
