using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Notes;

/// <summary>
/// A group clinician's working day: an empty draft starts from the group's previous note (its shared part and the plan
/// of each member still invited, nothing session-specific) or from a practice template, never over text already written.
/// </summary>
public abstract class NoteStartTests(CaseloadApp app)
{
    private const string TwoWeeksAgo = "2026-11-17T10:00:00-05:00";
    private const string LastWeek = "2026-11-24T10:00:00-05:00";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Three members; the note of the session two weeks ago holds each one's plan.</summary>
    private async Task<(GroupSetup Group, string Earlier)> GroupWithAnEarlierNoteAsync()
    {
        var group = await app.ClinicianWithGroupAsync(members: 3);
        var earlier = (await group.Http.BookOneAsync(group.Session(TwoWeeksAgo))).Id();
        await group.Http.SaveDraftAsync(earlier, new NotePayload(NotesApi.Shared,
            [.. group.Members.Select(m => new MemberPayload(m, $"Took part {m}", $"Progress {m}", "Euthymic", $"Plan for {m}"))]));
        return (group, earlier);
    }

    private static Task<HttpResponseMessage> FromPreviousAsync(HttpClient http, string appointmentId) =>
        http.PostAsync($"/api/v1/appointments/{appointmentId}/group-note/from-previous", null, Ct);

    private static Task<HttpResponseMessage> FromTemplateAsync(HttpClient http, string appointmentId, string? templateId) =>
        http.PostAsJsonAsync($"/api/v1/appointments/{appointmentId}/group-note/from-template", new { templateId }, Ct);

    private static object Template(string name) => new
    {
        name,
        shared = new { topic = "Weekly skills practice", interventions = "DBT distress tolerance skills", groupProcess = "Check-in round" },
        member = new { participation = "Took part in the check-in", progress = "", moodAffect = "", plan = "Practise one skill daily" },
    };

    private async Task<string> CreateTemplateAsync(string name)
    {
        var admin = await app.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/note-templates", Template(name), Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).Text("id");
    }

    [Fact]
    public async Task FromPrevious_CopiesTheSharedPartAndThePlanOfEachMemberStillInvited_NeverParticipationOrOtherMembers()
    {
        var (group, _) = await GroupWithAnEarlierNoteAsync();
        var (stays, alsoStays, left) = (group.Members[0], group.Members[1], group.Members[2]);
        var session = (await group.Http.BookOneAsync(group.Session(LastWeek) with { Invitees = [new(stays), new(alsoStays)] })).Id();

        var note = await (await FromPreviousAsync(group.Http, session)).AssertOkAsync();

        Assert.Equal("draft", note.Text("status"));
        var shared = note.GetProperty("shared");
        Assert.Equal((NotesApi.Shared.Topic, NotesApi.Shared.Interventions, NotesApi.Shared.GroupProcess),
            (shared.Text("topic"), shared.Text("interventions"), shared.Text("groupProcess")));
        Assert.Equal([stays, alsoStays], note.GetProperty("members").EnumerateArray().Select(m => m.Text("clientId")));
        foreach (var member in new[] { stays, alsoStays })
        {
            var section = note.MemberOf(member);
            Assert.Equal($"Plan for {member}", section.Text("plan"));
            Assert.Equal(JsonValueKind.Null, section.GetProperty("participation").ValueKind);
            Assert.Equal(JsonValueKind.Null, section.GetProperty("progress").ValueKind);
            Assert.Equal(JsonValueKind.Null, section.GetProperty("moodAffect").ValueKind);
        }

        Assert.DoesNotContain($"Plan for {left}", note.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromPrevious_TakesTheMostRecentEarlierNoteOfTheGroup_NotALaterOne()
    {
        var (group, _) = await GroupWithAnEarlierNoteAsync();
        var lastWeek = (await group.Http.BookOneAsync(group.Session(LastWeek))).Id();
        await group.Http.SaveDraftAsync(lastWeek, new NotePayload(NotesApi.Shared with { Topic = "Last week's topic" }, []));
        var later = (await group.Http.BookOneAsync(group.Session("2026-12-08T10:00:00-05:00"))).Id();
        await group.Http.SaveDraftAsync(later, new NotePayload(NotesApi.Shared with { Topic = "Next week's topic" }, []));
        var today = (await group.Http.BookOneAsync(group.Session("2026-12-01T08:00:00-05:00"))).Id();

        var note = await (await FromPreviousAsync(group.Http, today)).AssertOkAsync();

        Assert.Equal("Last week's topic", note.GetProperty("shared").Text("topic"));
    }

    [Fact]
    public async Task FromPrevious_OnADraftWithText_Is409NoteNotBlank_AndKeepsWhatWasWritten()
    {
        var (group, _) = await GroupWithAnEarlierNoteAsync();
        var session = (await group.Http.BookOneAsync(group.Session(LastWeek))).Id();
        await group.Http.SaveDraftAsync(session, new NotePayload(new SharedPayload("Written by hand", null), []));

        await (await FromPreviousAsync(group.Http, session)).AssertProblemAsync(HttpStatusCode.Conflict, "note-not-blank");

        var note = await (await group.Http.GetNoteAsync(session)).AssertOkAsync();
        Assert.Equal("Written by hand", note.GetProperty("shared").Text("topic"));
    }

    [Fact]
    public async Task FromPrevious_WithNoEarlierNoteOfTheGroup_Is409NoPreviousNote()
    {
        var group = await app.ClinicianWithGroupAsync(members: 2);
        var session = (await group.Http.BookOneAsync(group.Session(LastWeek))).Id();

        await (await FromPreviousAsync(group.Http, session)).AssertProblemAsync(HttpStatusCode.Conflict, "no-previous-note");
    }

    [Fact]
    public async Task FromPrevious_ForAnotherClinicianOfTheSession_Is404_AndForTheFrontDesk403_CaseloadRules()
    {
        var (group, _) = await GroupWithAnEarlierNoteAsync();
        var session = (await group.Http.BookOneAsync(group.Session(LastWeek))).Id();
        var other = await app.StaffAsync("Clinician");
        var frontDesk = await app.StaffAsync("Scheduler");

        await (await FromPreviousAsync(other.Client, session)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await FromPreviousAsync(frontDesk.Client, session)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await group.Http.GetNoteAsync(session)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task FromPrevious_ReadOfTheEarlierNote_IsAuditedForItsMembers()
    {
        var (group, _) = await GroupWithAnEarlierNoteAsync();
        var session = (await group.Http.BookOneAsync(group.Session(LastWeek))).Id();

        await (await FromPreviousAsync(group.Http, session)).AssertOkAsync();

        var admin = await app.AdminAsync();
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?clientId={group.Members[0]}&entityType=note&action=read", Ct);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("detail").GetString()?.Contains("next session", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task NoteTemplates_AnAdministratorCreatesListsChangesAndDeletesOne_OverTheApi()
    {
        var admin = await app.AdminAsync();
        var name = SchedulingApi.UniqueName("Skills ");
        var id = await CreateTemplateAsync(name);

        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/note-templates", Ct);
        var found = listed.EnumerateArray().Single(t => t.Text("id") == id);
        Assert.Equal((name, "Weekly skills practice", "Practise one skill daily"),
            (found.Text("name"), found.GetProperty("shared").Text("topic"), found.GetProperty("member").Text("plan")));
        Assert.Equal(JsonValueKind.Null, found.GetProperty("member").GetProperty("progress").ValueKind);

        var changed = await admin.PutAsJsonAsync($"/api/v1/note-templates/{id}", new { name = name + " v2", shared = new { topic = "New topic" } }, Ct);
        var after = await changed.AssertOkAsync();
        Assert.Equal((name + " v2", "New topic"), (after.Text("name"), after.GetProperty("shared").Text("topic")));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("member").GetProperty("plan").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/note-templates/{id}", Ct)).StatusCode);
        await (await admin.GetAsync($"/api/v1/note-templates/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await admin.DeleteAsync($"/api/v1/note-templates/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task NoteTemplates_WithoutANameOrWithNothingWritten_Are400NamingTheField()
    {
        var admin = await app.AdminAsync();

        await (await admin.PostAsJsonAsync("/api/v1/note-templates", new { name = " ", shared = new { topic = "A topic" } }, Ct)).AssertFieldErrorAsync("name");
        await (await admin.PostAsJsonAsync("/api/v1/note-templates", new { name = "Empty" }, Ct)).AssertFieldErrorAsync("topic");
        await (await admin.PostAsJsonAsync("/api/v1/note-templates",
            new { name = "Long", member = new { plan = new string('x', 8001) } }, Ct)).AssertFieldErrorAsync("plan");
    }

    [Theory]
    [InlineData("Clinician")]
    [InlineData("Scheduler")]
    public async Task NoteTemplates_StaffWhoAreNotAdministrators_ReadThemButChangingIs403(string role)
    {
        var id = await CreateTemplateAsync(SchedulingApi.UniqueName("Read only "));
        var staff = await app.StaffAsync(role);

        var listed = await staff.Client.GetFromJsonAsync<JsonElement>("/api/v1/note-templates", Ct);

        Assert.Contains(listed.EnumerateArray(), t => t.Text("id") == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.PostAsJsonAsync("/api/v1/note-templates", Template("Mine"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.PutAsJsonAsync($"/api/v1/note-templates/{id}", Template("Mine"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.DeleteAsync($"/api/v1/note-templates/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task FromTemplate_FillsTheSharedPartAndEachMemberNotMissed_AndAMissedMemberGetsNothing()
    {
        var templateId = await CreateTemplateAsync(SchedulingApi.UniqueName("Skills "));
        var session = await app.HeldSessionAsync();
        await session.Http.MarkMissedAsync(session.Id, session.Bob);

        var note = await (await FromTemplateAsync(session.Http, session.Id, templateId)).AssertOkAsync();

        Assert.Equal(("Weekly skills practice", "DBT distress tolerance skills"),
            (note.GetProperty("shared").Text("topic"), note.GetProperty("shared").Text("interventions")));
        var alice = note.MemberOf(session.Alice);
        Assert.Equal(("Took part in the check-in", "Practise one skill daily", "attended"),
            (alice.Text("participation"), alice.Text("plan"), alice.Text("attendance")));
        var bob = note.MemberOf(session.Bob);
        Assert.Equal(("missed", JsonValueKind.Null), (bob.Text("attendance"), bob.GetProperty("plan").ValueKind));
    }

    [Fact]
    public async Task FromTemplate_OnADraftWithText_Is409NoteNotBlank_AndAnUnknownTemplateIs400NamingTemplateId()
    {
        var templateId = await CreateTemplateAsync(SchedulingApi.UniqueName("Skills "));
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, new NotePayload(NotesApi.Shared, []));

        await (await FromTemplateAsync(session.Http, session.Id, templateId)).AssertProblemAsync(HttpStatusCode.Conflict, "note-not-blank");
        await (await FromTemplateAsync(session.Http, session.Id, "no-such-template")).AssertFieldErrorAsync("templateId");
    }

    [Fact]
    public async Task NotePage_OnAnEmptyDraft_OffersThePreviousNoteAndTheTemplates_AndNotOnceTextIsWritten()
    {
        var name = SchedulingApi.UniqueName("Offered ");
        await CreateTemplateAsync(name);
        var session = await app.HeldSessionAsync();

        var empty = await session.Http.GetStringAsync($"/Appointments/{session.Id}/Note", Ct);
        await session.Http.SaveDraftAsync(session.Id, session.Complete());
        var written = await session.Http.GetStringAsync($"/Appointments/{session.Id}/Note", Ct);

        Assert.Contains("Start from the previous session's note", empty, StringComparison.Ordinal);
        Assert.Contains(name, empty, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"note-start\"", written, StringComparison.Ordinal);
    }
}

public sealed class NoteStartSqliteTests(SqliteApp app) : NoteStartTests(app), IClassFixture<SqliteApp>;

public sealed class NoteStartPostgresTests(PostgresApp app) : NoteStartTests(app), IClassFixture<PostgresApp>;
