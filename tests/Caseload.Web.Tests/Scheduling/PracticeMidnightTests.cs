using System.Net;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Scheduling;

/// <summary>The clock's moments around the practice's midnight, and the session at 00:30 on 2 December that straddles it.</summary>
internal static class Midnight
{
    /// <summary>2 December 00:30 in New York (05:30 UTC).</summary>
    public const string HalfPastMidnight = "2026-12-02T00:30:00-05:00";

    /// <summary>1 December 23:59 in New York = 2 December 04:59 UTC: UTC's day has turned, the practice's has not.</summary>
    public static readonly DateTimeOffset OneMinuteBefore = new(2026, 12, 2, 4, 59, 0, TimeSpan.Zero);

    /// <summary>2 December 00:00:01 in New York.</summary>
    public static readonly DateTimeOffset OneSecondAfter = new(2026, 12, 2, 5, 0, 1, TimeSpan.Zero);

    /// <summary>The test clock only runs forward: it is moved to <paramref name="moment"/> unless already there or beyond.</summary>
    public static void TurnTo(this CaseloadApp app, DateTimeOffset moment)
    {
        if (app.Time.GetUtcNow() < moment)
        {
            app.Time.SetUtcNow(moment);
        }
    }

    /// <summary>Signs a new clinician in (after the clock is turned, so the token is fresh) and books the 00:30 session.</summary>
    public static async Task<BookedSession> HalfPastMidnightSessionAsync(this CaseloadApp app)
    {
        var setup = await app.ClinicianWithGroupAsync();
        var session = await setup.BookedAsync(HalfPastMidnight);
        Assert.Equal("2026-12-02", session.Appointment.Text("localDate"));
        return session;
    }
}

/// <summary>At 23:59 on 1 December in New York (already 2 December in UTC), a session at 00:30 on 2 December is tomorrow.</summary>
public abstract class BeforePracticeMidnightTests(CaseloadApp app)
{
    [Fact]
    public async Task RemoveInvitee_OneMinuteBeforeMidnight_FromASessionAtHalfPastMidnight_Is204AsTomorrow_Rule6()
    {
        app.TurnTo(Midnight.OneMinuteBefore);
        var session = await app.HalfPastMidnightSessionAsync();

        await (await session.Http.RemoveInviteeAsync(session.Id, session.Alice)).AssertNoContentAsync();

        Assert.Equal([session.Bob], (await session.Http.AppointmentAsync(session.Id)).InviteeIds());
    }

    [Fact]
    public async Task MarkMissed_OneMinuteBeforeMidnight_ASessionAtHalfPastMidnight_IsNotYetMissable_Rule7()
    {
        app.TurnTo(Midnight.OneMinuteBefore);
        var session = await app.HalfPastMidnightSessionAsync();

        await (await session.Http.MarkMissedAsync(session.Id, session.Alice)).AssertProblemAsync(HttpStatusCode.Conflict, "not-yet-missable");
    }

    [Fact]
    public async Task Booking_OneMinuteBeforeMidnight_ASessionAtHalfPastMidnight_IsNotInvoicedYet_Rule9()
    {
        app.TurnTo(Midnight.OneMinuteBefore);
        var session = await app.HalfPastMidnightSessionAsync();

        Assert.Empty(await session.Http.InvoicesOfAsync(session.Id));
    }
}

/// <summary>
/// At 00:00:01 on 2 December in New York the session at 00:30 is today: its invitee list is locked and a
/// no-show can be marked missed. Where the clock allows, the session is booked at 23:59 the evening
/// before, so the same appointment is seen to cross the practice's midnight.
/// </summary>
public abstract class AfterPracticeMidnightTests(CaseloadApp app)
{
    private async Task<BookedSession> BookedTheEveningBeforeAsync()
    {
        app.TurnTo(Midnight.OneMinuteBefore);
        var session = await app.HalfPastMidnightSessionAsync();
        app.TurnTo(Midnight.OneSecondAfter);
        return session;
    }

    [Fact]
    public async Task RemoveInvitee_OneSecondAfterMidnight_FromASessionAtHalfPastMidnight_IsRefusedAsToday_Rule6()
    {
        var session = await BookedTheEveningBeforeAsync();

        await (await session.Http.RemoveInviteeAsync(session.Id, session.Alice)).AssertProblemAsync(HttpStatusCode.Conflict, "invitee-removal-locked");

        Assert.Contains(session.Alice, (await session.Http.AppointmentAsync(session.Id)).InviteeIds());
    }

    [Fact]
    public async Task MarkMissed_OneSecondAfterMidnight_ASessionAtHalfPastMidnight_Is200AsToday_Rule7()
    {
        var session = await BookedTheEveningBeforeAsync();

        var note = await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "No-show", charge = 0m });

        Assert.Equal("2026-12-02T00:00:01-05:00", note.Text("at"));
    }
}

public sealed class BeforePracticeMidnightSqliteTests(SqliteApp app) : BeforePracticeMidnightTests(app), IClassFixture<SqliteApp>;

public sealed class BeforePracticeMidnightPostgresTests(PostgresApp app) : BeforePracticeMidnightTests(app), IClassFixture<PostgresApp>;

public sealed class AfterPracticeMidnightSqliteTests(SqliteApp app) : AfterPracticeMidnightTests(app), IClassFixture<SqliteApp>;

public sealed class AfterPracticeMidnightPostgresTests(PostgresApp app) : AfterPracticeMidnightTests(app), IClassFixture<PostgresApp>;
