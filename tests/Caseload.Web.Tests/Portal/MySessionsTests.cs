using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Features.Portal.Sessions;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Portal;

/// <summary>
/// A client's own sessions in the portal, and each as a calendar file: theirs alone, under the group's client-facing
/// title, never a word about the other members. The clock stands at Tuesday 10:00 in New York.
/// </summary>
public abstract class MySessionsTests(CaseloadApp app)
{
    private Task<Outcome<MySessionList>> SessionsOfAsync(string clientId) =>
        app.AsClientAsync<MySessions, Outcome<MySessionList>>(s => s.HandleAsync(clientId, TestContext.Current.CancellationToken));

    private Task<Outcome<CalendarFile>> CalendarAsync(string appointmentId, string clientId) =>
        app.AsClientAsync<MyAppointmentCalendar, Outcome<CalendarFile>>(c => c.HandleAsync(appointmentId, clientId, TestContext.Current.CancellationToken));

    private static string Said(MySessionList list) => string.Join("\n", list.Upcoming.Concat(list.Past));

    /// <summary>The file with its long lines joined again (RFC 5545 folds them at 75 octets), so no name hides across a fold.</summary>
    private static string Unfolded(CalendarFile file) => file.Text.Replace("\r\n ", "", StringComparison.Ordinal);

    [Fact]
    public async Task MySessions_OfAGroupOfThree_ShowOnlyTheClientsOwnAppointments_WithNoOtherMembersNameIdOrCount()
    {
        var scene = await app.PortalSceneAsync();
        var group = await scene.GroupSessionAsync(app.At(7));
        var bobsOwn = await scene.IndividualSessionAsync(scene.Bob, app.At(8));

        var list = (await SessionsOfAsync(scene.Alice.Id)).Value;

        var session = Assert.Single(list.Upcoming);
        Assert.Equal((group, AppointmentKind.Group, "Room 2", MySessionStatus.Booked, true),
            (session.Id, session.Kind, session.Location, session.Status, session.CanCancel));
        Assert.DoesNotContain(bobsOwn, Said(list), StringComparison.Ordinal);
        Assert.All(scene.Others.SelectMany(o => o.Traces.Append(o.FirstName)), trace => Assert.DoesNotContain(trace, Said(list), StringComparison.Ordinal));
        Assert.Equal(
            ["CanCancel", "Date", "EndsAt", "Id", "Kind", "Location", "StartsAt", "Status", "Title"],
            typeof(MySession).GetProperties().Select(p => p.Name).Where(n => n != "EqualityContract").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MySessions_TitleAGroupSessionWithTheGroupsClientTitle_NeverItsInternalName()
    {
        var scene = await app.PortalSceneAsync();
        await scene.GroupSessionAsync(app.At(7));

        var list = (await SessionsOfAsync(scene.Alice.Id)).Value;

        Assert.Equal(scene.ClientTitle, Assert.Single(list.Upcoming).Title);
        Assert.DoesNotContain(scene.InternalName, Said(list), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MySessions_TitleAGroupWithoutAClientTitle_GroupSession_AndAnIndividualOne_IndividualSession()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 1);
        await setup.Http.BookOneAsync(setup.Session(app.At(7)));
        await setup.Http.BookOneAsync(SchedulingApi.Individual(setup.ClinicianId, setup.Members[0], app.At(9)));

        var list = (await SessionsOfAsync(setup.Members[0])).Value;

        Assert.Equal(["Group session", "Individual session"], list.Upcoming.Select(s => s.Title));
        Assert.DoesNotContain(setup.GroupName, Said(list), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MySessions_ListUpcomingSoonestFirst_AndPastLatestFirst_WithinNinetyDaysBackAndAYearAhead()
    {
        var scene = await app.PortalSceneAsync();
        var tooOld = await scene.IndividualSessionAsync(scene.Alice, app.At(-100));
        var old = await scene.IndividualSessionAsync(scene.Alice, app.At(-80));
        var recent = await scene.GroupSessionAsync(app.At(-7));
        var soon = await scene.GroupSessionAsync(app.At(7));
        var later = await scene.IndividualSessionAsync(scene.Alice, app.At(300));
        var tooFar = await scene.IndividualSessionAsync(scene.Alice, app.At(370));

        var list = (await SessionsOfAsync(scene.Alice.Id)).Value;

        Assert.Equal([soon, later], list.Upcoming.Select(s => s.Id));
        Assert.Equal([recent, old], list.Past.Select(s => s.Id));
        Assert.DoesNotContain(tooOld, Said(list), StringComparison.Ordinal);
        Assert.DoesNotContain(tooFar, Said(list), StringComparison.Ordinal);
        Assert.All(list.Past, s => Assert.False(s.CanCancel));
    }

    [Fact]
    public async Task MySessions_SayTheClientsOwnAttendance_AttendedOrMissed_NotTheOthers()
    {
        var scene = await app.PortalSceneAsync();
        var past = await scene.GroupSessionAsync(app.At(-7));
        await (await scene.Http.MarkAttendedAsync(past, scene.Alice.Id)).AssertSuccessAsync();
        await scene.Http.MissedAsync(past, scene.Bob.Id, new { reason = "No-show", charge = 0m });

        var alices = Assert.Single((await SessionsOfAsync(scene.Alice.Id)).Value.Past);
        var bobs = Assert.Single((await SessionsOfAsync(scene.Bob.Id)).Value.Past);
        var carols = Assert.Single((await SessionsOfAsync(scene.Carol.Id)).Value.Past);

        Assert.Equal((MySessionStatus.Attended, MySessionStatus.Missed, MySessionStatus.Booked), (alices.Status, bobs.Status, carols.Status));
    }

    [Fact]
    public async Task MySessions_OfAnUnknownClient_AreNotFound()
    {
        Assert.Equal(RefusalCodes.NotFound, (await SessionsOfAsync("no-such-client")).First?.Code);
    }

    [Fact]
    public async Task Ics_HasTheClientAsItsOnlyAttendee_AndNoOtherMembersNameOrEmail_NorTheInternalGroupName()
    {
        var scene = await app.PortalSceneAsync();
        var session = await scene.GroupSessionAsync(app.At(7));

        var text = Unfolded((await CalendarAsync(session, scene.Alice.Id)).Value);

        var attendee = Assert.Single(text.Split("\r\n"), l => l.StartsWith("ATTENDEE", StringComparison.Ordinal));
        Assert.Contains($"mailto:{scene.Alice.Email}", attendee, StringComparison.Ordinal);
        Assert.Contains($"{scene.Alice.FirstName} {scene.Alice.LastName}", attendee, StringComparison.Ordinal);
        Assert.All(scene.Others.SelectMany(o => o.Traces), trace => Assert.DoesNotContain(trace, text, StringComparison.Ordinal));
        Assert.DoesNotContain(scene.InternalName, text, StringComparison.Ordinal);
        Assert.DoesNotContain("90853", text, StringComparison.Ordinal);
        Assert.Contains($"SUMMARY:{scene.ClientTitle}", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=America/New_York:", text, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ics_OfASeatTheClientGaveUp_ComesCancelled_SoTheirCalendarStrikesIt()
    {
        var scene = await app.PortalSceneAsync();
        var session = await scene.GroupSessionAsync(app.At(7));
        await (await scene.Http.RemoveInviteeAsync(session, scene.Alice.Id)).AssertNoContentAsync();

        var text = Unfolded((await CalendarAsync(session, scene.Alice.Id)).Value);

        Assert.Contains("STATUS:CANCELLED", text, StringComparison.Ordinal);
        Assert.Equal(MySessionStatus.Cancelled, Assert.Single((await SessionsOfAsync(scene.Alice.Id)).Value.Upcoming).Status);
    }

    [Fact]
    public async Task Ics_OfAnotherClientsAppointment_IsNotFound()
    {
        var scene = await app.PortalSceneAsync();
        var bobsOwn = await scene.IndividualSessionAsync(scene.Bob, app.At(7));

        Assert.Equal(RefusalCodes.NotFound, (await CalendarAsync(bobsOwn, scene.Alice.Id)).First?.Code);
    }
}

public sealed class MySessionsSqliteTests(SqliteApp app) : MySessionsTests(app), IClassFixture<SqliteApp>;

public sealed class MySessionsPostgresTests(PostgresApp app) : MySessionsTests(app), IClassFixture<PostgresApp>;
