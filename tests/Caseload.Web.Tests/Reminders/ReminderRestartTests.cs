using Caseload.Domain.Reminders;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using Caseload.Web.Workers;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static Caseload.Web.Tests.Reminders.RemindersApi;

namespace Caseload.Web.Tests.Reminders;

/// <summary>
/// Rule 10 "sent at most once and never lost across restarts": the app stops while the SMTP server
/// holds a reminder it has been handed. The same app, started again on the same database, must not
/// send that reminder a second time — it may already have reached the client — and shows it failed.
/// </summary>
public abstract class ReminderRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract TestDatabase NewDatabase();

    [Fact]
    public async Task AReminderInterruptedWhileSending_IsNotSentAgainAfterARestart_AndShowsFailed_Rule10()
    {
        await using var database = NewDatabase();
        await database.CreateAsync();
        await using var channels = new ReminderChannels();
        await using var first = new ReminderApp(database, channels, ownsDatabaseAndChannels: false);
        var setup = await first.RemindedGroupAsync((true, false));
        var member = setup.Members[0];
        var start = InstantOf(first.At(days: 4));
        var appointment = (await setup.Http.BookOneAsync(setup.Session(first.At(days: 4)))).Id();
        var due = start - Duration.FromHours(48);

        first.TurnClockTo(due + Duration.FromMinutes(1));
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channels.Inbox.Arrived += message =>
        {
            if (message.To.Mailboxes.Any(m => m.Address == member.Email))
            {
                arrived.TrySetResult();
            }
        };
        channels.Inbox.Hold();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var sending = first.Services.GetRequiredService<ReminderWorker>().RunOnceAsync(stopping.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var whileSending = (await first.ReminderRowsAsync(appointment)).Single(r => r.LeadHours == 48);
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        var stoppedAt = first.Now();
        await first.DisposeAsync();
        channels.Inbox.Release();

        await using var restarted = new ReminderApp(database, channels, ownsDatabaseAndChannels: false);
        restarted.TurnClockTo(stoppedAt + Duration.FromMinutes(1));
        await restarted.RunReminderWorkerAsync();
        var withinTheClaim = (await restarted.ReminderRowsAsync(appointment)).Single(r => r.LeadHours == 48).Status;
        restarted.TurnClockTo(stoppedAt + Duration.FromMinutes(6));
        await restarted.RunReminderWorkerAsync();
        restarted.TurnClockTo(stoppedAt + Duration.FromMinutes(30));
        await restarted.RunReminderWorkerAsync();

        Assert.Equal(ReminderStatus.Sending, whileSending.Status);
        Assert.Equal(ReminderStatus.Sending, withinTheClaim);
        Assert.Single(channels.Inbox.To(member.Email));
        var reminders = await (await restarted.SignInAsync(setup.Clinician.Email)).RemindersOfAsync(appointment);
        var failed = reminders.One(member.Id, "email", 48, "failed");
        Assert.Contains("not sent again", failed.Text("note"), StringComparison.OrdinalIgnoreCase);
        reminders.One(member.Id, "email", 2, "pending");
    }

    /// <remarks>
    /// The three reminders are claimed as one batch. The app stops while the first is being handed
    /// over: that one may have reached the client, the other two cannot have.
    /// </remarks>
    [Fact]
    public async Task AnAppStoppingMidBatch_LeavesTheRemindersNotYetHandedOverToBeSentAfterARestart_AndFailsTheOneBeingHandedOver_Rule10()
    {
        await using var database = NewDatabase();
        await database.CreateAsync();
        await using var channels = new ReminderChannels();
        await using var first = new ReminderApp(database, channels, ownsDatabaseAndChannels: false);
        var setup = await first.RemindedGroupAsync((true, false), (true, false), (true, false));
        var start = InstantOf(first.At(days: 4));
        var appointment = (await setup.Http.BookOneAsync(setup.Session(first.At(days: 4)))).Id();

        first.TurnClockTo(start - Duration.FromHours(48) + Duration.FromMinutes(1));
        var handingOver = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        channels.Inbox.Arrived += message => handingOver.TrySetResult(message.To.Mailboxes.First().Address);
        channels.Inbox.Hold();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var sending = first.Services.GetRequiredService<ReminderWorker>().RunOnceAsync(stopping.Token);
        var held = await handingOver.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        var stoppedAt = first.Now();
        await first.DisposeAsync();
        channels.Inbox.Release();

        await using var restarted = new ReminderApp(database, channels, ownsDatabaseAndChannels: false);
        restarted.TurnClockTo(stoppedAt + Duration.FromMinutes(1));
        await restarted.RunReminderWorkerAsync();
        var withinTheClaim = await restarted.ReminderRowsAsync(appointment);
        restarted.TurnClockTo(stoppedAt + Duration.FromMinutes(6));
        await restarted.RunReminderWorkerAsync();

        var heldMember = Assert.Single(setup.Members, m => m.Email == held);
        Assert.All(setup.Members, m => Assert.Single(channels.Inbox.To(m.Email)));
        Assert.Equal(ReminderStatus.Sending, withinTheClaim.Single(r => r.ClientId == heldMember.Id && r.LeadHours == 48).Status);
        var rows = (await restarted.ReminderRowsAsync(appointment)).Where(r => r.LeadHours == 48).ToList();
        var failed = Assert.Single(rows, r => r.Status == ReminderStatus.Failed);
        Assert.Equal(heldMember.Id, failed.ClientId);
        Assert.Contains("not sent again", failed.Note, StringComparison.OrdinalIgnoreCase);
        Assert.All(rows.Where(r => r.ClientId != heldMember.Id), r => Assert.Equal((ReminderStatus.Sent, 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task PendingRemindersLeftByAStoppedApp_AreSentAfterARestart_Rule10()
    {
        await using var database = NewDatabase();
        await database.CreateAsync();
        await using var channels = new ReminderChannels();
        await using var first = new ReminderApp(database, channels, ownsDatabaseAndChannels: false);
        var setup = await first.RemindedGroupAsync((true, true));
        var member = setup.Members[0];
        var start = InstantOf(first.At(days: 4));
        await setup.Http.BookOneAsync(setup.Session(first.At(days: 4)));
        var bookedAt = first.Now();
        await first.DisposeAsync();

        await using var restarted = new ReminderApp(database, channels, ownsDatabaseAndChannels: false);
        restarted.TurnClockTo(Instant.Max(bookedAt, start - Duration.FromHours(48)) + Duration.FromMinutes(1));
        await restarted.RunReminderWorkerAsync();

        Assert.Single(channels.Inbox.To(member.Email));
        Assert.Single(channels.Texts.To(member.Mobile));
    }
}

public sealed class ReminderRestartSqliteTests : ReminderRestartTests
{
    protected override TestDatabase NewDatabase() => new SqliteTestDatabase();
}

public sealed class ReminderRestartPostgresTests : ReminderRestartTests
{
    protected override TestDatabase NewDatabase() => new PostgresTestDatabase();
}
