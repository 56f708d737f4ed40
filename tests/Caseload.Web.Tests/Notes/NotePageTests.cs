using System.Net;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Notes;

/// <summary>The note pages keep the API's rules: the front desk is turned away, another clinician finds nothing, the dashboard lists what is left to sign.</summary>
public abstract class NotePageTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NotePage_ForTheOwnerClinician_ShowsTheDraft_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());

        var page = await session.Http.GetAsync($"/Appointments/{session.Id}/Note", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains(NotesApi.AliceParticipation, html, StringComparison.Ordinal);
        Assert.Contains(NotesApi.BobParticipation, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Biller")]
    public async Task NotePage_ForFrontDeskOrBiller_IsForbidden_Rule12(string role)
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());
        var staff = await app.StaffAsync(role);

        var page = await staff.Client.GetAsync($"/Appointments/{session.Id}/Note", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.DoesNotContain(NotesApi.AliceParticipation, await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotePage_ForAnotherClinician_IsNotFound_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());
        var other = await app.StaffAsync("Clinician");

        var page = await other.Client.GetAsync($"/Appointments/{session.Id}/Note", Ct);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task PrintPage_ForTheFrontDesk_IsNotFound_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();
        var scheduler = await app.StaffAsync("Scheduler");

        var page = await scheduler.Client.GetAsync($"/Appointments/{session.Id}/Note/Print/{session.Alice}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task Dashboard_ListsAHeldSessionUnderNotesToSign_UntilItsNoteIsSigned_Rule12()
    {
        var session = await app.HeldSessionAsync();
        var link = $"/Appointments/{session.Id}/Note";

        var before = await session.Http.GetStringAsync("/", Ct);
        await session.SignedAsync();
        var after = await session.Http.GetStringAsync("/", Ct);

        Assert.Contains("Notes to sign", before, StringComparison.Ordinal);
        Assert.Contains(link, before, StringComparison.Ordinal);
        Assert.DoesNotContain(link, after, StringComparison.Ordinal);
    }
}

public sealed class NotePageSqliteTests(SqliteApp app) : NotePageTests(app), IClassFixture<SqliteApp>;

public sealed class NotePagePostgresTests(PostgresApp app) : NotePageTests(app), IClassFixture<PostgresApp>;
