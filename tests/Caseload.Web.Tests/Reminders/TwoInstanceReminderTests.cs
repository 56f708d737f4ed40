using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using Caseload.Web.Workers;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static Caseload.Web.Tests.Reminders.RemindersApi;

namespace Caseload.Web.Tests.Reminders;

/// <summary>
/// Rule 10 "sent at most once", with several app instances behind a load balancer on one PostgreSQL
/// database: both instances' workers run at the same moment; every reminder reaches the client once.
/// </summary>
public sealed class TwoInstanceReminderTests(PostgresReminderApp app) : IClassFixture<PostgresReminderApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<int> RunOnceAsync(CaseloadApp instance) =>
        instance.Services.GetRequiredService<ReminderWorker>().RunOnceAsync(Ct);

    [Fact]
    public async Task TwoInstances_RunningTheirWorkersAtOnce_DeliverEachDueReminderExactlyOnce_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, true), (true, true), (true, false), (false, true));
        var starts = new List<Instant>();
        foreach (var hour in new[] { 9, 10, 11, 13, 14, 15 })
        {
            var start = app.At(days: 4, hour);
            await setup.Http.BookOneAsync(setup.Session(start));
            starts.Add(InstantOf(start));
        }

        app.TurnClockTo(starts.Max() - Duration.FromHours(48) + Duration.FromMinutes(1));
        await using var second = app.Beside();
        var sent = await Task.WhenAll(RunOnceAsync(app), RunOnceAsync(second), RunOnceAsync(app), RunOnceAsync(second));
        await Task.WhenAll(RunOnceAsync(second), RunOnceAsync(app));

        var emails = setup.Members.SelectMany(m => app.Inbox.To(m.Email)).ToList();
        var texts = setup.Members.SelectMany(m => app.Texts.To(m.Mobile)).ToList();
        Assert.Equal(6 * 3, emails.Count);
        Assert.Equal(6 * 3, emails.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(6 * 3, texts.Count);
        Assert.Equal(6 * 3, texts.Select(t => (t.To, t.Body)).Distinct().Count());
        Assert.Equal(6 * 6, sent.Sum());
    }

    [Fact]
    public async Task TwoInstances_RunningTheirWorkersAgainAndAgain_NeverSendAReminderTwice_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, true));
        var member = setup.Members[0];
        var start = InstantOf(app.At(days: 4, hour: 11));
        await setup.Http.BookOneAsync(setup.Session(app.At(days: 4, hour: 11)));

        app.TurnClockTo(start - Duration.FromHours(48) + Duration.FromMinutes(1));
        await using var second = app.Beside();
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(RunOnceAsync(app), RunOnceAsync(second), RunOnceAsync(second), RunOnceAsync(app));
        }

        Assert.Single(app.Inbox.To(member.Email));
        Assert.Single(app.Texts.To(member.Mobile));
    }
}
