using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Caseload.Domain.Reminders;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using NodaTime;
using NodaTime.Text;
using static Caseload.Web.Tests.Reminders.RemindersApi;

namespace Caseload.Web.Tests.Reminders;

/// <summary>
/// Rule 10 end to end: due reminders go out over real SMTP (an in-test server) and a Twilio-compatible
/// HTTP API (a local listener), each once, with no clinical detail; failures retry or fail as they should.
/// The tests of a class share one app and one clock, so each books relative to the clock as it finds it.
/// </summary>
public abstract class ReminderDeliveryTests(ReminderApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Booked(RemindedGroup Setup, string AppointmentId, Instant Start)
    {
        public Reminded Member => Setup.Members[0];

        public Instant Due(int leadHours) => Start - Duration.FromHours(leadHours);
    }

    /// <summary>A group session four days on, one member per (email, text) choice given.</summary>
    private async Task<Booked> GroupSessionAsync(params (bool Email, bool Text)[] members)
    {
        var setup = await app.RemindedGroupAsync(members);
        var start = app.At(days: 4);
        var appointment = (await setup.Http.BookOneAsync(setup.Session(start))).Id();
        return new Booked(setup, appointment, InstantOf(start));
    }

    private async Task<JsonElement[]> RemindersNowAsync(Booked booked) =>
        await (await app.AgainAsync(booked.Setup.Clinician)).RemindersOfAsync(booked.AppointmentId);

    private async Task<Reminder> RowAsync(Booked booked, Channel channel, int leadHours) =>
        (await app.ReminderRowsAsync(booked.AppointmentId)).Single(r => r.ClientId == booked.Member.Id && r.Channel == channel && r.LeadHours == leadHours);

    private async Task<string> PracticeNameAsync() =>
        (await (await app.AdminAsync()).GetFromJsonAsync<JsonElement>("/api/v1/practice", Ct)).Text("name");

    private static string DateOf(Instant start) =>
        LocalDatePattern.CreateWithInvariantCulture("dddd MM/dd/uuuu").Format(start.InZone(NewYork).Date);

    private static string TimeOf(Instant start) =>
        LocalTimePattern.CreateWithInvariantCulture("h:mm tt").Format(start.InZone(NewYork).TimeOfDay);

    [Fact]
    public async Task DueEmailReminder_ArrivesOnceWithPracticeDateAndTime_AndNoGroupNameOrServiceCode_Rule10()
    {
        var booked = await GroupSessionAsync((true, false));
        var practice = await PracticeNameAsync();

        app.TurnClockTo(booked.Due(48) + Duration.FromMinutes(1));
        await app.RunReminderWorkerAsync();

        var message = Assert.Single(app.Inbox.To(booked.Member.Email));
        var everything = string.Join("\n", message.Subject, message.TextBody, message.HtmlBody);
        Assert.Contains(practice, everything, StringComparison.Ordinal);
        Assert.Contains(DateOf(booked.Start), message.TextBody, StringComparison.Ordinal);
        Assert.Contains(TimeOf(booked.Start), message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Room 4", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(booked.Setup.GroupName, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("90853", everything, StringComparison.Ordinal);
        Assert.Equal(ReminderChannels.FromAddress, Assert.Single(message.From.Mailboxes).Address);
        var reminders = await RemindersNowAsync(booked);
        Assert.False(string.IsNullOrEmpty(reminders.One(booked.Member.Id, "email", 48, "sent").Text("sentAt")));
        reminders.One(booked.Member.Id, "email", 2, "pending");
    }

    [Fact]
    public async Task DueEmailReminder_RunningTheWorkerAgain_SendsNothingMore_Rule10()
    {
        var booked = await GroupSessionAsync((true, false));
        app.TurnClockTo(booked.Due(48) + Duration.FromMinutes(1));
        await app.RunReminderWorkerAsync();

        await app.RunReminderWorkerAsync();
        app.TurnClockTo(app.Now() + Duration.FromMinutes(20));
        await app.RunReminderWorkerAsync();

        Assert.Single(app.Inbox.To(booked.Member.Email));
        (await RemindersNowAsync(booked)).One(booked.Member.Id, "email", 48, "sent");
    }

    [Fact]
    public async Task BothReminders_AreSentEachAtItsOwnTime_Rule10()
    {
        var booked = await GroupSessionAsync((true, false));

        app.TurnClockTo(booked.Due(48) + Duration.FromMinutes(1));
        await app.RunReminderWorkerAsync();
        app.TurnClockTo(booked.Due(2) - Duration.FromMinutes(1));
        await app.RunReminderWorkerAsync();
        var beforeTheSecond = app.Inbox.To(booked.Member.Email).Count;
        app.TurnClockTo(booked.Due(2) + Duration.FromMinutes(1));
        await app.RunReminderWorkerAsync();

        Assert.Equal(1, beforeTheSecond);
        Assert.Equal(2, app.Inbox.To(booked.Member.Email).Count);
        Assert.All(await RemindersNowAsync(booked), r => Assert.Equal("sent", r.Text("status")));
    }

    [Fact]
    public async Task DueTextReminder_PostsOnceWithToFromBodyAndBasicAuth_Rule10()
    {
        var booked = await GroupSessionAsync((false, true));
        var practice = await PracticeNameAsync();

        app.TurnClockTo(booked.Due(48) + Duration.FromMinutes(1));
        await app.RunReminderWorkerAsync();
        await app.RunReminderWorkerAsync();

        var request = Assert.Single(app.Texts.To(booked.Member.Mobile));
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{TextApi.AccountSid}/Messages.json", request.Path);
        Assert.Equal(TextApi.From, request.From);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TextApi.AccountSid}:{TextApi.AuthToken}")), request.Authorization);
        Assert.Contains(practice, request.Body, StringComparison.Ordinal);
        Assert.Contains(DateOf(booked.Start), request.Body, StringComparison.Ordinal);
        Assert.Contains(TimeOf(booked.Start), request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(booked.Setup.GroupName, request.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("90853", request.Body, StringComparison.Ordinal);
        (await RemindersNowAsync(booked)).One(booked.Member.Id, "text", 48, "sent");
    }

    [Fact]
    public async Task AClientOptedInToBoth_GetsOneEmailAndOneText_Rule10()
    {
        var booked = await GroupSessionAsync((true, true), (false, false));

        app.TurnClockTo(booked.Due(48) + Duration.FromMinutes(1));
        await app.RunReminderWorkerAsync();

        Assert.Single(app.Inbox.To(booked.Member.Email));
        Assert.Single(app.Texts.To(booked.Member.Mobile));
        var optedOut = booked.Setup.Members[1];
        Assert.Empty(app.Inbox.To(optedOut.Email));
        Assert.Empty(app.Texts.To(optedOut.Mobile));
    }

    [Fact]
    public async Task TextServiceAnswering500_LeavesTheReminderPendingWithALaterAttempt_Rule10()
    {
        var booked = await GroupSessionAsync((false, true));
        app.Texts.Answer(booked.Member.Mobile, HttpStatusCode.InternalServerError);
        var firstTry = booked.Due(48) + Duration.FromMinutes(1);

        app.TurnClockTo(firstTry);
        await app.RunReminderWorkerAsync();
        await app.RunReminderWorkerAsync();

        Assert.Single(app.Texts.To(booked.Member.Mobile));
        (await RemindersNowAsync(booked)).One(booked.Member.Id, "text", 48, "pending");
        var row = await RowAsync(booked, Channel.Text, 48);
        Assert.Equal((1, firstTry + Duration.FromMinutes(1)), (row.Attempts, row.NextAttemptAt));
        Assert.Contains("500", row.Note, StringComparison.Ordinal);

        app.TurnClockTo(firstTry + Duration.FromMinutes(1));
        await app.RunReminderWorkerAsync();

        Assert.Equal(2, app.Texts.To(booked.Member.Mobile).Count);
        row = await RowAsync(booked, Channel.Text, 48);
        Assert.Equal((ReminderStatus.Pending, 2, firstTry + Duration.FromMinutes(6)), (row.Status, row.Attempts, row.NextAttemptAt));
    }

    [Fact]
    public async Task TextServiceAnswering500FourTimes_FailsTheReminderKeepingTheError_Rule10()
    {
        var booked = await GroupSessionAsync((false, true));
        app.Texts.Answer(booked.Member.Mobile, HttpStatusCode.ServiceUnavailable);
        app.TurnClockTo(booked.Due(48) + Duration.FromMinutes(1));

        foreach (var wait in new[] { 0, 1, 5, 15 })
        {
            app.TurnClockTo(app.Now() + Duration.FromMinutes(wait));
            await app.RunReminderWorkerAsync();
        }

        app.TurnClockTo(app.Now() + Duration.FromHours(1));
        await app.RunReminderWorkerAsync();

        Assert.Equal(4, app.Texts.To(booked.Member.Mobile).Count);
        var failed = (await RemindersNowAsync(booked)).One(booked.Member.Id, "text", 48, "failed");
        Assert.Contains("503", failed.Text("note"), StringComparison.Ordinal);
        Assert.Equal(Reminder.MaxAttempts, (await RowAsync(booked, Channel.Text, 48)).Attempts);
    }

    [Fact]
    public async Task TextServiceAnswering400_FailsTheReminderAtOnce_Rule10()
    {
        var booked = await GroupSessionAsync((false, true));
        app.Texts.Answer(booked.Member.Mobile, HttpStatusCode.BadRequest);

        app.TurnClockTo(booked.Due(48) + Duration.FromMinutes(1));
        await app.RunReminderWorkerAsync();
        app.TurnClockTo(app.Now() + Duration.FromMinutes(30));
        await app.RunReminderWorkerAsync();

        Assert.Single(app.Texts.To(booked.Member.Mobile));
        var failed = (await RemindersNowAsync(booked)).One(booked.Member.Id, "text", 48, "failed");
        Assert.Contains("400", failed.Text("note"), StringComparison.Ordinal);
        Assert.Equal(1, (await RowAsync(booked, Channel.Text, 48)).Attempts);
    }

    /// <remarks>
    /// Delivery.cs counts a timeout among the failures that "may work later". The timed-out reminder
    /// comes first (its session is an hour earlier); another client's, due in the same run, must still go.
    /// </remarks>
    [Fact]
    /// <remarks>A request that timed out may still have been delivered: at most once wins, so it is not sent again.</remarks>
    public async Task TextServiceNotAnswering_FailsThatReminderAsMaybeDelivered_AndTheRunGoesOn_Rule10()
    {
        var hanging = await GroupSessionAsync((false, true));
        var setup = await app.RemindedGroupAsync((false, true));
        var later = setup.Members[0];
        await setup.Http.BookOneAsync(setup.Session(app.At(days: 4, hour: 11)));
        app.Texts.Hang(hanging.Member.Mobile);
        var firstTry = hanging.Due(48) + Duration.FromHours(1) + Duration.FromMinutes(1);

        app.TurnClockTo(firstTry);
        var crash = await Record.ExceptionAsync(app.RunReminderWorkerAsync);

        Assert.True(crash is null, $"the worker run threw {crash?.GetType().Name}: {crash?.Message}");
        Assert.Single(app.Texts.To(later.Mobile));
        var row = await RowAsync(hanging, Channel.Text, 48);
        Assert.True(row.Status == ReminderStatus.Failed, $"a timeout left the reminder {row.Status}: {row.Note}");
        Assert.Contains("may or may not have been delivered", row.Note, StringComparison.Ordinal);
    }

    /// <remarks>
    /// A 4xx reply is SMTP's "transient negative completion" (RFC 5321 §4.2.1): try again later.
    /// Greylisting servers answer every first attempt from a new sender with 451 4.7.1.
    /// </remarks>
    [Fact]
    public async Task EmailServerAnswering451_LeavesTheReminderPendingWithALaterAttempt_Rule10()
    {
        var booked = await GroupSessionAsync((true, false));
        app.Inbox.Answer(booked.Member.Email, 451, "4.7.1 Greylisted, please try again later");
        var firstTry = booked.Due(48) + Duration.FromMinutes(1);

        app.TurnClockTo(firstTry);
        await app.RunReminderWorkerAsync();

        Assert.Equal(1, app.Inbox.RefusedTo(booked.Member.Email));
        var row = await RowAsync(booked, Channel.Email, 48);
        Assert.True(row.Status == ReminderStatus.Pending, $"a 451 reply made the reminder {row.Status}: {row.Note}");
        Assert.Equal((1, firstTry + Duration.FromMinutes(1)), (row.Attempts, row.NextAttemptAt));
    }

    [Fact]
    public async Task EmailServerAnswering550_FailsTheReminderAtOnce_Rule10()
    {
        var booked = await GroupSessionAsync((true, false));
        app.Inbox.Answer(booked.Member.Email, 550, "5.1.1 No such mailbox");

        app.TurnClockTo(booked.Due(48) + Duration.FromMinutes(1));
        await app.RunReminderWorkerAsync();
        app.TurnClockTo(app.Now() + Duration.FromMinutes(30));
        await app.RunReminderWorkerAsync();

        Assert.Equal(1, app.Inbox.RefusedTo(booked.Member.Email));
        Assert.Empty(app.Inbox.To(booked.Member.Email));
        var failed = (await RemindersNowAsync(booked)).One(booked.Member.Id, "email", 48, "failed");
        Assert.Contains("mailbox", failed.Text("note"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ReminderOfACancelledAppointment_IsNeverSent_Rule10()
    {
        var booked = await GroupSessionAsync((true, true));
        (await booked.Setup.Http.CancelAppointmentAsync(booked.AppointmentId)).EnsureSuccessStatusCode();

        app.TurnClockTo(booked.Due(48) + Duration.FromMinutes(1));
        await app.RunReminderWorkerAsync();
        app.TurnClockTo(booked.Due(2) + Duration.FromMinutes(1));
        await app.RunReminderWorkerAsync();

        Assert.Empty(app.Inbox.To(booked.Member.Email));
        Assert.Empty(app.Texts.To(booked.Member.Mobile));
        Assert.All(await RemindersNowAsync(booked), r => Assert.Equal("cancelled", r.Text("status")));
    }

    [Fact]
    public async Task ReminderOfAMovedAppointment_IsSentForTheNewTimeOnly_Rule10()
    {
        var booked = await GroupSessionAsync((true, false));
        var moved = app.At(days: 6, hour: 15);
        (await booked.Setup.Http.PatchAppointmentAsync(booked.AppointmentId, new { start = moved })).EnsureSuccessStatusCode();

        app.TurnClockTo(booked.Due(48) + Duration.FromMinutes(1));
        await app.RunReminderWorkerAsync();
        var atTheOldTime = app.Inbox.To(booked.Member.Email).Count;
        app.TurnClockTo(InstantOf(moved) - Duration.FromHours(48) + Duration.FromMinutes(1));
        await app.RunReminderWorkerAsync();

        Assert.Equal(0, atTheOldTime);
        var message = Assert.Single(app.Inbox.To(booked.Member.Email));
        Assert.Contains(DateOf(InstantOf(moved)), message.TextBody, StringComparison.Ordinal);
        Assert.Contains("3:00 PM", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PendingReminders_FoundOnlyAfterTheSessionStarted_AreNotSent_Rule10()
    {
        var booked = await GroupSessionAsync((true, true));

        app.TurnClockTo(booked.Start + Duration.FromMinutes(5));
        await app.RunReminderWorkerAsync();

        Assert.Empty(app.Inbox.To(booked.Member.Email));
        Assert.Empty(app.Texts.To(booked.Member.Mobile));
        Assert.All(await RemindersNowAsync(booked), r => Assert.Equal("cancelled", r.Text("status")));
    }

    [Fact]
    public async Task ATestMessage_ToAnAddress_ArrivesAtTheSmtpServer()
    {
        var admin = await app.AdminAsync();
        var address = $"front-desk-{Guid.NewGuid():N}@example.com";

        var response = await admin.PostAsJsonAsync("/api/v1/reminders/test", new { channel = "email", to = address }, Ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        Assert.Single(app.Inbox.To(address));
    }
}

public sealed class ReminderDeliverySqliteTests(SqliteReminderApp app) : ReminderDeliveryTests(app), IClassFixture<SqliteReminderApp>;

public sealed class ReminderDeliveryPostgresTests(PostgresReminderApp app) : ReminderDeliveryTests(app), IClassFixture<PostgresReminderApp>;
