using System.Net;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Notes;

/// <summary>
/// Who reads and writes note content: the appointment's clinician and administrators. The front desk and
/// billers never read it (403); another clinician does not even learn the appointment exists (404).
/// </summary>
public abstract class NoteAccessTests(CaseloadApp app)
{
    [Fact]
    public async Task OwnerClinician_ReadsAndWritesTheNote_Rule12()
    {
        var session = await app.HeldSessionAsync();

        await (await session.Http.PutNoteAsync(session.Id, session.Complete())).AssertOkAsync();
        await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync();
    }

    [Fact]
    public async Task Administrator_ReadsWritesAndSignsAnyClinciansNote_Rule12()
    {
        var session = await app.HeldSessionAsync();
        var admin = await app.AdminAsync();

        await (await admin.PutNoteAsync(session.Id, session.Complete())).AssertOkAsync();
        var note = await (await admin.GetNoteAsync(session.Id)).AssertOkAsync();
        var signed = await (await admin.SignNoteAsync(session.Id)).AssertOkAsync();

        Assert.Equal(NotesApi.AliceParticipation, note.MemberOf(session.Alice).Text("participation"));
        Assert.Equal("signed", signed.Text("status"));
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Biller")]
    public async Task Get_ByFrontDeskOrBiller_Is403Forbidden_Rule12(string role)
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());
        var staff = await app.StaffAsync(role);

        var response = await staff.Client.GetNoteAsync(session.Id);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.DoesNotContain(NotesApi.AliceParticipation, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Biller")]
    public async Task Put_ByFrontDeskOrBiller_Is403Forbidden_AndSavesNothing_Rule12(string role)
    {
        var session = await app.HeldSessionAsync();
        var staff = await app.StaffAsync(role);

        await (await staff.Client.PutNoteAsync(session.Id, session.Complete())).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        Assert.False((await session.Http.AppointmentAsync(session.Id)).GetProperty("hasGroupNote").GetBoolean());
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Biller")]
    public async Task SignAndAddenda_ByFrontDeskOrBiller_Are403Forbidden_Rule12(string role)
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());
        var staff = await app.StaffAsync(role);

        await (await staff.Client.SignNoteAsync(session.Id)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await session.Http.SignNoteAsync(session.Id)).AssertOkAsync();
        await (await staff.Client.AddAddendumAsync(session.Id, "Front desk note")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task AnotherClinician_GetsNotFound_ForReadAndWrite_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());
        var other = await app.StaffAsync("Clinician");

        await (await other.Client.GetNoteAsync(session.Id)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await other.Client.PutNoteAsync(session.Id, session.Complete())).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await other.Client.SignNoteAsync(session.Id)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal("draft", (await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync()).Text("status"));
    }

    [Fact]
    public async Task Scheduler_SeesThatANoteExistsAndItsStatus_ButNotItsContent_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();
        var scheduler = await app.StaffAsync("Scheduler");

        var appointment = await scheduler.Client.AppointmentAsync(session.Id);
        var content = await scheduler.Client.GetNoteAsync(session.Id);

        Assert.True(appointment.GetProperty("hasGroupNote").GetBoolean());
        Assert.Equal("signed", appointment.Text("noteStatus"));
        await content.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Scheduler_SeesADraftNotesStatusInTheCalendarFeed_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());
        var scheduler = await app.StaffAsync("Scheduler");

        var feed = await scheduler.Client.FeedAsync("2026-11-24", "2026-11-24", session.Setup.ClinicianId);

        var appointment = Assert.Single(feed, a => a.Id() == session.Id);
        Assert.Equal((true, "draft"), (appointment.GetProperty("hasGroupNote").GetBoolean(), appointment.Text("noteStatus")));
    }
}

public sealed class NoteAccessSqliteTests(SqliteApp app) : NoteAccessTests(app), IClassFixture<SqliteApp>;

public sealed class NoteAccessPostgresTests(PostgresApp app) : NoteAccessTests(app), IClassFixture<PostgresApp>;
