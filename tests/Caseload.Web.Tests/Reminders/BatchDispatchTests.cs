using Caseload.Domain.Reminders;
using Caseload.Web.Features.Reminders;
using Caseload.Web.Tests.Scheduling;
using NodaTime;
using static Caseload.Web.Tests.Reminders.RemindersApi;

namespace Caseload.Web.Tests.Reminders;

/// <summary>
/// Rule 10 "sent at most once" when reminders are claimed a batch at a time: two app instances on
/// one database, each with several dispatchers, claim batches of the same due reminders at the same
/// moment; every reminder reaches its client exactly once.
/// </summary>
public abstract class BatchClaimTests(ReminderApp app)
{
    [Fact]
    public async Task TwoInstances_ClaimingBatchesOfTheSameDueReminders_SendEachExactlyOnce_Rule10()
    {
        var setup = await app.RemindedGroupAsync([.. Enumerable.Repeat((true, true), 10)]);
        var starts = new List<Instant>();
        var appointments = new List<string>();
        foreach (var hour in new[] { 9, 10, 11, 13, 14, 15 })
        {
            var start = app.At(days: 4, hour);
            appointments.Add((await setup.Http.BookOneAsync(setup.Session(start))).Id());
            starts.Add(InstantOf(start));
        }

        var due = setup.Members.Count * starts.Count * 2;
        Assert.True(due > 2 * ReminderDispatch.BatchSize, "the reminders fill several batches");
        app.TurnClockTo(starts.Max() - Duration.FromHours(48) + Duration.FromMinutes(1));
        await using var second = app.Beside();
        var sent = await Task.WhenAll(app.RunReminderWorkerAsync(), second.RunReminderWorkerAsync(),
            app.RunReminderWorkerAsync(), second.RunReminderWorkerAsync());

        foreach (var member in setup.Members)
        {
            var emails = app.Inbox.To(member.Email);
            Assert.Equal(starts.Count, emails.Count);
            Assert.Equal(starts.Count, emails.Select(m => m.MessageId).Distinct().Count());
            var texts = app.Texts.To(member.Mobile);
            Assert.Equal(starts.Count, texts.Count);
            Assert.Equal(starts.Count, texts.Select(t => t.Body).Distinct().Count());
        }

        Assert.Equal(due, sent.Sum());
        foreach (var appointment in appointments)
        {
            Assert.All((await app.ReminderRowsAsync(appointment)).Where(r => r.LeadHours == 48),
                r => Assert.Equal((ReminderStatus.Sent, 1), (r.Status, r.Attempts)));
        }
    }
}

public sealed class BatchClaimSqliteTests(SqliteReminderApp app) : BatchClaimTests(app), IClassFixture<SqliteReminderApp>;

public sealed class BatchClaimPostgresTests(PostgresReminderApp app) : BatchClaimTests(app), IClassFixture<PostgresReminderApp>;

/// <summary>
/// A batch of email reminders goes out over one SMTP connection. When the connection breaks during
/// a hand-over, that reminder may have been delivered and is never sent again; the reminders not
/// yet handed over go out over a new connection.
/// </summary>
public abstract class SmtpConnectionTests(ReminderApp app)
{
    private sealed record Booked(RemindedGroup Setup, string AppointmentId, Instant Start);

    private async Task<Booked> EmailOnlyGroupAsync(int members, params int[] hours)
    {
        var setup = await app.RemindedGroupAsync([.. Enumerable.Repeat((true, false), members)]);
        string? appointment = null;
        var start = Instant.MinValue;
        foreach (var hour in hours)
        {
            var at = app.At(days: 4, hour);
            appointment = (await setup.Http.BookOneAsync(setup.Session(at))).Id();
            start = Instant.Max(start, InstantOf(at));
        }

        return new Booked(setup, appointment!, start);
    }

    [Fact]
    public async Task DueEmailReminders_OfOneRun_GoOutOverOneSmtpConnection_Rule10()
    {
        var booked = await EmailOnlyGroupAsync(4, 9, 11, 13);
        app.TurnClockTo(booked.Start - Duration.FromHours(48) + Duration.FromMinutes(1));
        var before = app.Inbox.Connections;

        await app.RunReminderWorkerAsync();

        Assert.All(booked.Setup.Members, m => Assert.Equal(3, app.Inbox.To(m.Email).Count));
        Assert.Equal(1, app.Inbox.Connections - before);
    }

    [Fact]
    public async Task AConnectionLostDuringAHandOver_FailsThatReminderAsMaybeDelivered_AndSendsTheRestOverANewConnection_Rule10()
    {
        var booked = await EmailOnlyGroupAsync(3, 10);
        var members = booked.Setup.Members;
        app.TurnClockTo(booked.Start - Duration.FromHours(48) + Duration.FromMinutes(1));
        app.Inbox.DropFirstTo([.. members.Select(m => m.Email)]);
        var before = app.Inbox.Connections;

        await app.RunReminderWorkerAsync();
        var connections = app.Inbox.Connections - before;
        app.TurnClockTo(app.Now() + Duration.FromMinutes(30));
        await app.RunReminderWorkerAsync();

        var dropped = Assert.Single(app.Inbox.Dropped, a => members.Any(m => m.Email == a));
        var rows = (await app.ReminderRowsAsync(booked.AppointmentId)).Where(r => r.LeadHours == 48).ToList();
        foreach (var member in members)
        {
            var row = Assert.Single(rows, r => r.ClientId == member.Id);
            if (member.Email == dropped)
            {
                Assert.True(row.Status == ReminderStatus.Failed, $"a dropped hand-over left the reminder {row.Status}");
                Assert.Contains("may or may not have been delivered", row.Note, StringComparison.Ordinal);
                Assert.Empty(app.Inbox.To(member.Email));
            }
            else
            {
                Assert.Equal(ReminderStatus.Sent, row.Status);
                Assert.Single(app.Inbox.To(member.Email));
            }
        }

        Assert.Equal(2, connections);
    }
}

public sealed class SmtpConnectionSqliteTests(SqliteReminderApp app) : SmtpConnectionTests(app), IClassFixture<SqliteReminderApp>;

public sealed class SmtpConnectionPostgresTests(PostgresReminderApp app) : SmtpConnectionTests(app), IClassFixture<PostgresReminderApp>;
