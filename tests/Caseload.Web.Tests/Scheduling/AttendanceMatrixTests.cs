using System.Net;
using Caseload.Web.Tests.Groups;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Scheduling;

/// <summary>
/// Rules 6 and 7 over HTTP as a matrix: the session's day (a week ago, today after saving, tomorrow, next
/// week) against its kind (a single group appointment, the first occurrence of a weekly series). The
/// clock stays at Tuesday 1 December 2026, 10:00 in New York.
/// </summary>
public abstract class AttendanceMatrixTests(CaseloadApp app)
{
    [Theory]
    [InlineData(SessionDay.Tomorrow, SessionKind.Single)]
    [InlineData(SessionDay.Tomorrow, SessionKind.SeriesOccurrence)]
    [InlineData(SessionDay.Later, SessionKind.Single)]
    [InlineData(SessionDay.Later, SessionKind.SeriesOccurrence)]
    public async Task RemoveInvitee_TomorrowOrLater_Is204AndTakesTheClientOffThatAppointment_Rule6(SessionDay day, SessionKind kind)
    {
        var session = await app.BookedAsync(day, kind);

        await (await session.Http.RemoveInviteeAsync(session.Id, session.Alice)).AssertNoContentAsync();

        Assert.Equal([session.Bob], (await session.Http.AppointmentAsync(session.Id)).InviteeIds());
    }

    [Theory]
    [InlineData(SessionDay.Tomorrow)]
    [InlineData(SessionDay.Later)]
    public async Task RemoveInvitee_FromAnOccurrenceTomorrowOrLater_TheSeriesOtherOccurrencesKeepTheClient_Rule6(SessionDay day)
    {
        var session = await app.BookedAsync(day, SessionKind.SeriesOccurrence);

        await (await session.Http.RemoveInviteeAsync(session.Id, session.Alice)).AssertNoContentAsync();

        foreach (var other in session.OtherOccurrences)
        {
            Assert.Contains(session.Alice, (await session.Http.AppointmentAsync(other)).InviteeIds());
        }
    }

    [Theory]
    [InlineData(SessionDay.Tomorrow, SessionKind.Single)]
    [InlineData(SessionDay.Later, SessionKind.SeriesOccurrence)]
    public async Task RemoveInvitee_TomorrowOrLater_TheClientStaysInTheGroup_Rule6(SessionDay day, SessionKind kind)
    {
        var session = await app.BookedAsync(day, kind);

        await (await session.Http.RemoveInviteeAsync(session.Id, session.Alice)).AssertNoContentAsync();

        Assert.Contains(session.Alice, (await session.Http.GroupAsync(session.Setup.GroupId)).MemberIds());
    }

    [Theory]
    [InlineData(SessionKind.Single)]
    [InlineData(SessionKind.SeriesOccurrence)]
    public async Task RemoveInvitee_OnTheDayAfterSaving_IsRefused_Rule6(SessionKind kind)
    {
        var session = await app.BookedAsync(SessionDay.Today, kind);

        var problem = await (await session.Http.RemoveInviteeAsync(session.Id, session.Alice))
            .AssertProblemAsync(HttpStatusCode.Conflict, "invitee-removal-locked");

        Assert.Contains("missed", problem.Text("title"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(session.Alice, (await session.Http.AppointmentAsync(session.Id)).InviteeIds());
    }

    [Theory]
    [InlineData(SessionKind.Single)]
    [InlineData(SessionKind.SeriesOccurrence)]
    public async Task RemoveInvitee_OfAPastAppointment_IsRefused_Rule6(SessionKind kind)
    {
        var session = await app.BookedAsync(SessionDay.Past, kind);

        await (await session.Http.RemoveInviteeAsync(session.Id, session.Alice)).AssertProblemAsync(HttpStatusCode.Conflict, "invitee-removal-locked");

        Assert.Contains(session.Alice, (await session.Http.AppointmentAsync(session.Id)).InviteeIds());
    }

    [Theory]
    [InlineData(SessionDay.Past, SessionKind.Single)]
    [InlineData(SessionDay.Past, SessionKind.SeriesOccurrence)]
    [InlineData(SessionDay.Today, SessionKind.Single)]
    [InlineData(SessionDay.Today, SessionKind.SeriesOccurrence)]
    public async Task MarkMissed_OnTheSessionsDayOrAfter_Is200AndTheInviteeIsMissed_Rule7(SessionDay day, SessionKind kind)
    {
        var session = await app.BookedAsync(day, kind);

        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "No-show", charge = 0m });

        Assert.Equal("missed", await session.Http.StatusOfAsync(session.Id, session.Alice));
        Assert.Equal("invited", await session.Http.StatusOfAsync(session.Id, session.Bob));
    }

    [Theory]
    [InlineData(SessionDay.Past)]
    [InlineData(SessionDay.Today)]
    public async Task MarkMissed_OfAnOccurrence_LeavesTheSeriesOtherOccurrencesInvited_Rule7(SessionDay day)
    {
        var session = await app.BookedAsync(day, SessionKind.SeriesOccurrence);

        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "No-show", charge = 0m });

        foreach (var other in session.OtherOccurrences)
        {
            Assert.Equal("invited", await session.Http.StatusOfAsync(other, session.Alice));
        }
    }

    [Theory]
    [InlineData(SessionDay.Tomorrow, SessionKind.Single)]
    [InlineData(SessionDay.Tomorrow, SessionKind.SeriesOccurrence)]
    [InlineData(SessionDay.Later, SessionKind.Single)]
    [InlineData(SessionDay.Later, SessionKind.SeriesOccurrence)]
    public async Task MarkMissed_TomorrowOrLater_IsRefusedAsNotYetMissable_Rule7(SessionDay day, SessionKind kind)
    {
        var session = await app.BookedAsync(day, kind);

        await (await session.Http.MarkMissedAsync(session.Id, session.Alice)).AssertProblemAsync(HttpStatusCode.Conflict, "not-yet-missable");

        Assert.Equal("invited", await session.Http.StatusOfAsync(session.Id, session.Alice));
    }

    [Fact]
    public async Task MarkMissed_ReturnsTheMissedNote_WithReasonChargeAuthorAndTime_Rule7()
    {
        var clinician = await app.StaffNamedAsync("Dr Quinn Attendance", "Clinician");
        var setup = await clinician.GroupOfTwoAsync();
        var session = await setup.BookedAsync(app.StartOf(SessionDay.Today));

        var note = await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "  Car trouble ", charge = 0m });

        Assert.Equal(session.Id, note.Text("appointmentId"));
        Assert.Equal(session.Alice, note.Text("clientId"));
        Assert.Equal("Car trouble", note.Text("reason"));
        Assert.Equal(0m, note.Amount("charge"));
        Assert.Equal("Dr Quinn Attendance", note.Text("author"));
        Assert.Equal("2026-12-01T10:00:00-05:00", note.Text("at"));
    }

    [Fact]
    public async Task MissedNote_CanBeReadBackUntilTheMarkIsUndone_Rule7()
    {
        var session = await app.BookedAsync(SessionDay.Today);
        var note = await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "Overslept", charge = 0m });

        var read = await (await session.Http.MissedNoteAsync(session.Id, session.Alice)).OkJsonAsync();
        await (await session.Http.UndoMissedAsync(session.Id, session.Alice)).AssertNoContentAsync();

        Assert.Equal(note.ToString(), read.ToString());
        await (await session.Http.MissedNoteAsync(session.Id, session.Alice)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task MarkMissed_Twice_IsRefusedAsAlreadyMissed_Rule7()
    {
        var session = await app.BookedAsync(SessionDay.Today);
        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "No-show", charge = 0m });

        await (await session.Http.MarkMissedAsync(session.Id, session.Alice)).AssertProblemAsync(HttpStatusCode.Conflict, "already-missed");
    }

    [Fact]
    public async Task MarkAttended_Today_Is204AndTheInviteeIsAttended()
    {
        var session = await app.BookedAsync(SessionDay.Today);

        await (await session.Http.MarkAttendedAsync(session.Id, session.Alice)).AssertNoContentAsync();

        Assert.Equal("attended", await session.Http.StatusOfAsync(session.Id, session.Alice));
    }

    [Fact]
    public async Task UnmarkAttended_PutsTheInviteeBackToInvited()
    {
        var session = await app.BookedAsync(SessionDay.Past);
        await (await session.Http.MarkAttendedAsync(session.Id, session.Alice)).AssertNoContentAsync();

        await (await session.Http.UnmarkAttendedAsync(session.Id, session.Alice)).AssertNoContentAsync();

        Assert.Equal("invited", await session.Http.StatusOfAsync(session.Id, session.Alice));
    }

    [Fact]
    public async Task MarkAttended_Tomorrow_IsRefusedAsNotYetAttendable()
    {
        var session = await app.BookedAsync(SessionDay.Tomorrow);

        await (await session.Http.MarkAttendedAsync(session.Id, session.Alice)).AssertProblemAsync(HttpStatusCode.Conflict, "not-yet-attendable");
    }

    [Fact]
    public async Task RemoveInvitee_OfAnIndividualAppointmentsOnlyClient_IsRefused_Rule6()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 1);
        var individual = await setup.Http.BookOneAsync(SchedulingApi.Individual(setup.ClinicianId, setup.Members[0], app.At(7)));

        await (await setup.Http.RemoveInviteeAsync(individual.Id(), setup.Members[0])).AssertProblemAsync(HttpStatusCode.Conflict, "only-invitee");
    }

    [Fact]
    public async Task MarkMissed_OfAnIndividualAppointmentToday_Is200_Rule7()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 1);
        var individual = await setup.Http.BookOneAsync(SchedulingApi.Individual(setup.ClinicianId, setup.Members[0], app.At(0, hour: 17)));

        await setup.Http.MissedAsync(individual.Id(), setup.Members[0], new { reason = "No-show", charge = 0m });

        Assert.Equal("missed", await setup.Http.StatusOfAsync(individual.Id(), setup.Members[0]));
    }

    [Fact]
    public async Task RemoveInvitee_OfAClientNotInvited_IsRefusedAsNotInvited_Rule6()
    {
        var session = await app.BookedAsync(SessionDay.Later);
        var stranger = await session.Setup.MemberAsync();

        await (await session.Http.RemoveInviteeAsync(session.Id, stranger)).AssertProblemAsync(HttpStatusCode.Conflict, "not-invited");
    }
}

public sealed class AttendanceMatrixSqliteTests(SqliteApp app) : AttendanceMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class AttendanceMatrixPostgresTests(PostgresApp app) : AttendanceMatrixTests(app), IClassFixture<PostgresApp>;
