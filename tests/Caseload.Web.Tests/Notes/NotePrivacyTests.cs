using System.Net;
using System.Net.Http.Json;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Web.Tests.Notes;

/// <summary>
/// Rule 12: a client's chart shows the shared section and that client's own section of each note, never
/// another member's; and every read of note content is written to the audit trail.
/// </summary>
public abstract class NotePrivacyTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> PageAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private async Task<List<AuditEntry>> ReadsOfNotesAsync(string userId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.UserId == userId && e.Action == AuditActions.Read && e.EntityType == AuditEntities.Note).ToListAsync(Ct);
    }

    private async Task<string> NoteIdAsync(string appointmentId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        return await db.Notes.Where(n => n.AppointmentId == appointmentId).Select(n => n.Id).SingleAsync(Ct);
    }

    private async Task<string> AdministratorIdAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        return await db.Users.Where(u => u.Email == CaseloadApp.AdminEmail).Select(u => u.Id).SingleAsync(Ct);
    }

    [Fact]
    public async Task Chart_ShowsTheClientsOwnSection_AndNotAnotherMembers_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();

        var chart = await PageAsync(session.Http, $"/Clients/{session.Alice}");

        Assert.Contains("Session notes", chart, StringComparison.Ordinal);
        Assert.Contains(NotesApi.Shared.Topic!, chart, StringComparison.Ordinal);
        Assert.Contains(NotesApi.AliceParticipation, chart, StringComparison.Ordinal);
        Assert.DoesNotContain(NotesApi.BobParticipation, chart, StringComparison.Ordinal);
        Assert.DoesNotContain(NotesApi.BobSection(session.Bob).Plan!, chart, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chart_OfTheOtherMember_ShowsOnlyTheirSection_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());

        var chart = await PageAsync(session.Http, $"/Clients/{session.Bob}");

        Assert.Contains(NotesApi.BobParticipation, chart, StringComparison.Ordinal);
        Assert.DoesNotContain(NotesApi.AliceParticipation, chart, StringComparison.Ordinal);
        Assert.DoesNotContain(NotesApi.AliceSection(session.Alice).Progress!, chart, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chart_ForTheFrontDesk_ShowsNoNoteContent_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();
        var scheduler = await app.StaffAsync("Scheduler");

        var chart = await PageAsync(scheduler.Client, $"/Clients/{session.Alice}");

        Assert.DoesNotContain(NotesApi.AliceParticipation, chart, StringComparison.Ordinal);
        Assert.DoesNotContain(NotesApi.Shared.Interventions!, chart, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintForOneClient_ShowsTheirSection_AndNotAnotherMembers_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();

        var print = await PageAsync(session.Http, $"/Appointments/{session.Id}/Note/Print/{session.Alice}");

        Assert.Contains(NotesApi.AliceParticipation, print, StringComparison.Ordinal);
        Assert.DoesNotContain(NotesApi.BobParticipation, print, StringComparison.Ordinal);
    }

    /// <summary>
    /// Addenda belong to the whole note, so one written about Bob is printed on Alice's copy: Alice's record
    /// then holds another member's clinical detail, which rule 12 forbids.
    /// </summary>
    [Fact]
    public async Task PrintForOneClient_ShowsNoAddendumWrittenAboutAnotherMember_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();
        const string AboutBob = "Bob phoned after the session to disclose a second relapse";
        await (await session.Http.PostAsJsonAsync($"/api/v1/appointments/{session.Id}/group-note/addenda",
            new { text = AboutBob, clientId = session.Bob }, Ct)).AssertOkAsync();

        var print = await PageAsync(session.Http, $"/Appointments/{session.Id}/Note/Print/{session.Alice}");

        Assert.DoesNotContain(AboutBob, print, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_OfTheNote_IsWrittenToTheAuditTrail_WithWhoAndWhen()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());
        var before = (await ReadsOfNotesAsync(session.Clinician.UserId)).Count;

        await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync();
        await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync();

        var noteId = await NoteIdAsync(session.Id);
        var reads = await ReadsOfNotesAsync(session.Clinician.UserId);
        // The whole group note shows both members' sections: each read is one entry per member.
        Assert.Equal(before + 4, reads.Count);
        Assert.All(reads.Skip(before), e => Assert.Equal(noteId, e.EntityId));
        Assert.Equal(2, reads.Skip(before).Count(e => e.ClientId == session.Alice));
        Assert.Equal(2, reads.Skip(before).Count(e => e.ClientId == session.Bob));
        Assert.All(reads, e => Assert.Equal("Test Clinician", e.UserName));
        Assert.All(reads, e => Assert.Equal(NodaTime.Instant.FromDateTimeOffset(app.Time.GetUtcNow()), e.At));
    }

    [Fact]
    public async Task Get_ByTheAdministrator_IsWrittenToTheAuditTrailUnderTheirName()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());
        var admin = await app.AdminAsync();
        var adminId = await AdministratorIdAsync();

        await (await admin.GetNoteAsync(session.Id)).AssertOkAsync();

        var noteId = await NoteIdAsync(session.Id);
        Assert.Contains(await ReadsOfNotesAsync(adminId), e => e.EntityId == noteId);
    }

    [Fact]
    public async Task Get_RefusedToTheFrontDesk_WritesNoRead()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());
        var scheduler = await app.StaffAsync("Scheduler");

        await (await scheduler.Client.GetNoteAsync(session.Id)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        Assert.Empty(await ReadsOfNotesAsync(scheduler.UserId));
    }

    [Fact]
    public async Task Chart_ReadOfAClientsSection_IsWrittenToTheAuditTrailNamingTheClient()
    {
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();
        var noteId = await NoteIdAsync(session.Id);

        await PageAsync(session.Http, $"/Clients/{session.Alice}");

        var reads = await ReadsOfNotesAsync(session.Clinician.UserId);
        Assert.Contains(reads, e => e.EntityId == noteId && e.ClientId == session.Alice);
        Assert.DoesNotContain(reads, e => e.EntityId == noteId && e.ClientId == session.Bob);
    }
}

public sealed class NotePrivacySqliteTests(SqliteApp app) : NotePrivacyTests(app), IClassFixture<SqliteApp>;

public sealed class NotePrivacyPostgresTests(PostgresApp app) : NotePrivacyTests(app), IClassFixture<PostgresApp>;
