using Caseload.Domain.Reminders;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Reminders;
using Caseload.Web.Tests.Scheduling;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Caseload.Web.Tests.Faults;

/// <summary>
/// Rule 10 "at most once, never lost" when an instance dies mid-dispatch: two real instances on one PostgreSQL
/// database, each with its own SMTP server in the test, 100 email reminders falling due at once. The instance
/// whose message reaches its server first is killed (SIGKILL) at that moment, with the rest of its claimed batches
/// not yet handed over. The other instance sends those once the dead one's claim has expired; only the reminders
/// whose hand-over had begun end as "may or may not have been delivered", and staff find them listed.
/// </summary>
[Collection(nameof(OneFaultAtATime))]
public sealed class ReminderDispatchDeathTests : IAsyncLifetime
{
    private const int Due = 100;

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(40);

    private readonly FaultApp _app = new();
    private readonly SmtpInbox _inboxA = new();
    private readonly SmtpInbox _inboxB = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Connection => _app.Database.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        await _app.InitializeAsync();
        _ = _app.Services;
    }

    public async ValueTask DisposeAsync()
    {
        await _inboxA.DisposeAsync();
        await _inboxB.DisposeAsync();
        await _app.DisposeAsync();
    }

    private static Dictionary<string, string> SendingTo(SmtpInbox inbox) => new(FaultApp.PromptWorkers)
    {
        ["Caseload:Email:Host"] = "127.0.0.1",
        ["Caseload:Email:Port"] = inbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Caseload:Email:Security"] = "None",
        ["Caseload:Email:FromAddress"] = ReminderChannels.FromAddress,
    };

    [Fact]
    public async Task AnInstanceKilledAsItsFirstReminderReachesTheServer_NothingIsSentTwice_NothingIsLostUnlessItsHandOverBegan_AndStaffSeeTheUncertain_Rule10()
    {
        _app.ClockAtMachineTime();
        var setup = await _app.RemindedGroupAsync([.. Enumerable.Repeat((true, false), 10)]);
        foreach (var hour in Enumerable.Range(8, 10))
        {
            await setup.Http.BookOneAsync(setup.Session(RemindersApi.At(_app, days: 4, hour)));
        }

        await using var instances = await TwoInstances.StartAsync(Connection, Ct, SendingTo(_inboxA), SendingTo(_inboxB));
        var killed = new TaskCompletionSource<AppProcess>(TaskCreationOptions.RunContinuationsAsynchronously);
        void KillOnFirst(AppProcess instance, SmtpInbox survivors)
        {
            if (killed.TrySetResult(instance))
            {
                instance.Kill();
                survivors.Release();
            }
        }

        _inboxA.Hold();
        _inboxB.Hold();
        _inboxA.Arrived += _ => KillOnFirst(instances.A, _inboxB);
        _inboxB.Arrived += _ => KillOnFirst(instances.B, _inboxA);

        // The 48-hour reminders of the ten sessions fall due now, for both instances at once.
        var madeDue = await Sql.ExecuteAsync(Connection, """
            UPDATE "Reminders" SET "NextAttemptAt" = now() - interval '1 second'
            WHERE "LeadHours" = 48 AND "AppointmentId" IN (SELECT "Id" FROM "Appointments" WHERE "ClinicianId" = $1)
            """, Ct, setup.ClinicianId);
        Assert.Equal(Due, madeDue);

        var dead = await killed.Task.WaitAsync(Within, Ct);
        var survivor = instances.Other(dead);
        var deadInbox = dead == instances.A ? _inboxA : _inboxB;
        var liveInbox = dead == instances.A ? _inboxB : _inboxA;
        await Sql.EventuallyAsync(async () => await Sql.CountAsync(Connection, """
            SELECT count(*) FROM "Reminders" r JOIN "Appointments" a ON a."Id" = r."AppointmentId"
            WHERE a."ClinicianId" = $1 AND r."LeadHours" = 48 AND r."Status" IN ('Pending', 'Sending')
            """, Ct, setup.ClinicianId) == 0, Within, "every due reminder settled", Ct);

        var rows = await _app.InDatabaseAsync(db => db.Reminders.AsNoTracking()
            .Where(r => r.LeadHours == 48 && db.Appointments.Any(a => a.Id == r.AppointmentId && a.ClinicianId == setup.ClinicianId))
            .ToListAsync(Ct));
        var reachedDead = MessagesOf(deadInbox, setup);
        var reachedLive = MessagesOf(liveInbox, setup);
        var reached = reachedDead.Concat(reachedLive).ToList();
        Assert.NotEmpty(reachedDead);
        Assert.False(survivor.HasExited);

        // None sent twice.
        Assert.Equal(reached.Count, reached.Distinct().Count());

        // None never sent unless its hand-over began; the uncertain ones are exactly those.
        var uncertain = rows.Where(r => r.Status == ReminderStatus.Failed).ToList();
        Assert.All(rows.Where(r => !reached.Contains(r.Id)), r =>
            Assert.True(r is { Status: ReminderStatus.Failed, DeliveryUncertain: true, HandOverAt: not null }, $"{r.Id} was lost: {r.Status}, {r.Note}"));
        Assert.All(uncertain, r => Assert.True(r is { DeliveryUncertain: true, HandOverAt: not null }, $"{r.Id} failed for certain: {r.Note}"));
        Assert.All(uncertain, r => Assert.Contains("may or may not have been delivered", r.Note, StringComparison.Ordinal));
        Assert.All(reachedDead, id => Assert.Contains(uncertain, r => r.Id == id));
        Assert.InRange(uncertain.Count, 1, Workers.ReminderWorker.Connections);

        // Every other reminder was sent once, by the instance that lived, the dead one's untouched rows among them.
        var sent = rows.Where(r => r.Status == ReminderStatus.Sent).ToList();
        Assert.Equal(Due - uncertain.Count, sent.Count);
        Assert.All(sent, r => Assert.Contains(r.Id, reachedLive));
        Assert.All(sent, r => Assert.Equal(1, r.Attempts));

        // Staff see them: the reminder log says how many, and lists them under "maybe delivered".
        var scheduler = await _app.StaffAsync("Scheduler");
        using var browser = await _app.SignInWithTheCookieAsync(scheduler.Email);
        var log = await browser.GetStringAsync("/Reminders?status=uncertain&order=latest", Ct);
        var total = await _app.InDatabaseAsync(db => db.Reminders.CountAsync(r => r.Status == ReminderStatus.Failed && r.DeliveryUncertain, Ct));
        Assert.Equal(uncertain.Count, total);
        Assert.Contains($"{total} reminder{(total == 1 ? "" : "s")} may or may not have been delivered.", log, StringComparison.Ordinal);
        Assert.Equal(uncertain.Count, log.Split("data-testid=\"reminder-uncertain\"").Length - 1);
    }

    /// <summary>The reminder ids of the messages that reached <paramref name="inbox"/> for the group's members (held ones included).</summary>
    private static List<string> MessagesOf(SmtpInbox inbox, RemindedGroup setup) =>
        [.. setup.Members.SelectMany(m => inbox.To(m.Email)).Select(ReminderIdOf)];

    private static string ReminderIdOf(MimeMessage message) => message.MessageId!.Replace("reminder-", "", StringComparison.Ordinal).Split('@')[0];
}
