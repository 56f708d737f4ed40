using System.Net;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Notes;

/// <summary>Rule 8 with rule 12: an appointment with a group note, draft or signed, is not deleted; the clinical record stays.</summary>
public abstract class NoteDeletionTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delete_OfAnAppointmentWithADraftNote_Is409HasGroupNote_Rule8()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());

        var problem = await (await session.Http.DeleteAsync($"/api/v1/appointments/{session.Id}", Ct))
            .AssertProblemAsync(HttpStatusCode.Conflict, "has-group-note");

        Assert.Contains("group note", problem.Text("title"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("draft", (await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync()).Text("status"));
    }

    [Fact]
    public async Task Delete_OfAnAppointmentWithASignedNote_Is409HasGroupNote_Rule8()
    {
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();

        await (await session.Http.DeleteAsync($"/api/v1/appointments/{session.Id}", Ct)).AssertProblemAsync(HttpStatusCode.Conflict, "has-group-note");

        Assert.Equal("signed", (await session.Http.AppointmentAsync(session.Id)).Text("noteStatus"));
    }

    [Fact]
    public async Task Delete_ByTheAdministrator_OfAnAppointmentWithANote_IsAlso409HasGroupNote_Rule8()
    {
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();
        var admin = await app.AdminAsync();

        await (await admin.DeleteAsync($"/api/v1/appointments/{session.Id}", Ct)).AssertProblemAsync(HttpStatusCode.Conflict, "has-group-note");
    }

    [Fact]
    public async Task DeleteSeries_KeepsTheOccurrenceWithANote_NamingTheReason_Rule8()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 2);
        var booked = await setup.Http.BookAsync(setup.Session(NotesApi.HeldLastWeek) with { Recurrence = RecurrencePayload.Weekly(3) });
        var ids = booked.Appointments().Ids();
        await setup.Http.SaveDraftAsync(ids[0], new NotePayload(NotesApi.Shared, []));

        var result = await (await setup.Http.DeleteAsync($"/api/v1/series/{booked.Text("seriesId")}?from=2026-11-24", Ct)).AssertOkAsync();

        var kept = Assert.Single(result.GetProperty("kept").EnumerateArray());
        Assert.Equal(ids[0], kept.Text("appointmentId"));
        Assert.Contains("group note", kept.Text("reason"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ids[1..].Order(StringComparer.Ordinal), result.GetProperty("deleted").EnumerateArray().Select(d => d.GetString()).Order(StringComparer.Ordinal));
    }
}

public sealed class NoteDeletionSqliteTests(SqliteApp app) : NoteDeletionTests(app), IClassFixture<SqliteApp>;

public sealed class NoteDeletionPostgresTests(PostgresApp app) : NoteDeletionTests(app), IClassFixture<PostgresApp>;
