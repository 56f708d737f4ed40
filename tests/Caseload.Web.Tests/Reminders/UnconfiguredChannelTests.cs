using System.Net;
using System.Net.Http.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using NodaTime;
using static Caseload.Web.Tests.Reminders.RemindersApi;

namespace Caseload.Web.Tests.Reminders;

/// <summary>
/// Rule 10 "never lost", on a host with no email server and no text service configured (the default):
/// the app runs, due reminders wait as pending and nothing is sent. The app's own worker runs on its
/// timer here too, so the clock is turned by hours, not days.
/// </summary>
public abstract class UnconfiguredChannelTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DueReminders_WithNoChannelConfigured_StayPendingAndNothingIsSent_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, true));
        var start = app.At(days: 2, hour: 12);
        var appointment = (await setup.Http.BookOneAsync(setup.Session(start))).Id();

        app.TurnClockTo(InstantOf(start) - Duration.FromHours(48) + Duration.FromMinutes(1));
        var sent = await app.RunReminderWorkerAsync();

        Assert.Equal(0, sent);
        var reminders = await (await app.AgainAsync(setup.Clinician)).RemindersOfAsync(appointment);
        Assert.Equal(4, reminders.Length);
        Assert.All(reminders, r => Assert.Equal("pending", r.Text("status")));
        Assert.All(await app.ReminderRowsAsync(appointment), r => Assert.Equal(0, r.Attempts));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health", Ct)).StatusCode);
    }

    [Fact]
    public async Task ATestMessage_WithNoChannelConfigured_IsRefusedNotCrashed()
    {
        var admin = await app.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/reminders/test", new { channel = "email", to = "someone@example.com" }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "delivery-failed");
    }

    [Fact]
    public async Task ATestMessage_ToAnUnknownChannel_IsRefusedNamingTheField()
    {
        var admin = await app.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/reminders/test", new { channel = "pigeon", to = "someone@example.com" }, Ct);

        await response.AssertFieldErrorAsync("channel");
    }
}

public sealed class UnconfiguredChannelSqliteTests(SqliteApp app) : UnconfiguredChannelTests(app), IClassFixture<SqliteApp>;

public sealed class UnconfiguredChannelPostgresTests(PostgresApp app) : UnconfiguredChannelTests(app), IClassFixture<PostgresApp>;
