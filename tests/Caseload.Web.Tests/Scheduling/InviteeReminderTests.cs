using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Scheduling;

/// <summary>
/// Rules 6, 7 and 10 together: a client taken off an appointment or marked missed is not reminded of
/// it; everyone else still is. Two members opted in to email reminders at the default lead times (48 h, 2 h).
/// </summary>
public abstract class InviteeReminderTests(CaseloadApp app)
{
    private static ClientPayload EmailReminders(ClientPayload client) => client with { Reminders = new RemindersPayload(Email: true, Text: false) };

    private async Task<(BookedSession Session, string Reminded, string AlsoReminded)> BookedAsync(string start)
    {
        var setup = await app.ClinicianWithGroupAsync(members: 0);
        var reminded = await setup.MemberAsync(EmailReminders);
        var alsoReminded = await setup.MemberAsync(EmailReminders);
        var session = await setup.BookedAsync(start);
        Assert.NotEmpty(await PendingAsync(session, reminded));
        return (session, reminded, alsoReminded);
    }

    private static async Task<string[]> StatusesAsync(BookedSession session, string clientId) =>
        [.. (await session.Http.RemindersAsync(session.Id)).Where(r => r.Text("clientId") == clientId).Select(r => r.Text("status"))];

    private static async Task<string[]> PendingAsync(BookedSession session, string clientId) =>
        [.. (await StatusesAsync(session, clientId)).Where(s => s == "pending")];

    [Fact]
    public async Task RemoveInvitee_CancelsThatClientsPendingReminders_Rule6()
    {
        var (session, reminded, _) = await BookedAsync(app.At(7));

        await (await session.Http.RemoveInviteeAsync(session.Id, reminded)).AssertNoContentAsync();

        var statuses = await StatusesAsync(session, reminded);
        Assert.Equal(2, statuses.Length);
        Assert.All(statuses, s => Assert.Equal("cancelled", s));
    }

    [Fact]
    public async Task RemoveInvitee_LeavesTheOtherInviteesRemindersPending_Rule6()
    {
        var (session, reminded, alsoReminded) = await BookedAsync(app.At(7));

        await (await session.Http.RemoveInviteeAsync(session.Id, reminded)).AssertNoContentAsync();

        Assert.Equal(["pending", "pending"], await PendingAsync(session, alsoReminded));
    }

    [Fact]
    public async Task MarkMissed_CancelsThatClientsPendingReminder_Rule7()
    {
        var (session, reminded, alsoReminded) = await BookedAsync(app.At(0, hour: 18));

        await session.Http.MissedAsync(session.Id, reminded, new { reason = "Called to cancel", charge = 0m });

        Assert.Equal(["cancelled"], await StatusesAsync(session, reminded));
        Assert.Equal(["pending"], await PendingAsync(session, alsoReminded));
    }

    [Fact]
    public async Task UndoMissed_PlansTheClientsReminderAgain_Rule7()
    {
        var (session, reminded, _) = await BookedAsync(app.At(0, hour: 18));
        await session.Http.MissedAsync(session.Id, reminded, new { reason = "Called to cancel", charge = 0m });

        await (await session.Http.UndoMissedAsync(session.Id, reminded)).AssertNoContentAsync();

        Assert.Equal(["pending"], await PendingAsync(session, reminded));
    }

    [Fact]
    public async Task Sync_CancelsTheDepartedMembersRemindersAndPlansTheNewMembers_Rule5()
    {
        var (session, departing, _) = await BookedAsync(app.At(7));
        var joiner = await session.Setup.MemberAsync(EmailReminders);
        await (await session.Http.LeaveGroupAsync(session.Setup.GroupId, departing)).AssertSuccessAsync();

        await (await session.Http.SyncRosterAsync(session.Setup.GroupId)).OkJsonAsync();

        Assert.All(await StatusesAsync(session, departing), s => Assert.Equal("cancelled", s));
        Assert.Equal(["pending", "pending"], await PendingAsync(session, joiner));
    }
}

public sealed class InviteeReminderSqliteTests(SqliteApp app) : InviteeReminderTests(app), IClassFixture<SqliteApp>;

public sealed class InviteeReminderPostgresTests(PostgresApp app) : InviteeReminderTests(app), IClassFixture<PostgresApp>;
