using System.Net;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Notes;

/// <summary>Rule 12 over the pinned API: a draft is saved and read back, signing records signer and time and locks it, addenda follow.</summary>
public abstract class NoteLifeCycleTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Put_SavesTheDraft_AndGetReadsItBackWithEachMembersNameAndAttendance_Rule12()
    {
        var session = await app.HeldSessionAsync();

        var put = await session.Http.PutNoteAsync(session.Id, session.Complete());
        await put.AssertOkAsync();
        var note = await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync();

        Assert.Equal("\"2\"", put.Headers.ETag?.Tag);
        Assert.Equal((session.Id, "draft"), (note.Text("appointmentId"), note.Text("status")));
        Assert.Equal(NotesApi.Shared.Topic, note.GetProperty("shared").Text("topic"));
        Assert.Equal(NotesApi.Shared.Interventions, note.GetProperty("shared").Text("interventions"));
        Assert.Equal(50, note.GetProperty("shared").GetProperty("sessionMinutes").GetInt32());
        var alice = note.MemberOf(session.Alice);
        Assert.Equal(NotesApi.AliceParticipation, alice.Text("participation"));
        Assert.Equal(("attended", "none"), (alice.Text("attendance"), alice.Text("risk")));
        Assert.StartsWith("Member0 ", alice.Text("name"), StringComparison.Ordinal);
        Assert.Equal(NotesApi.BobParticipation, note.MemberOf(session.Bob).Text("participation"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, note.GetProperty("signedBy").ValueKind);
        Assert.Empty(note.GetProperty("addenda").EnumerateArray());
    }

    [Fact]
    public async Task Get_BeforeAnyDraft_Is404NotFound_Rule12()
    {
        var session = await app.HeldSessionAsync();

        await (await session.Http.GetNoteAsync(session.Id)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Put_AgainWithChanges_KeepsTheLatestDraft_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());

        await session.Http.SaveDraftAsync(session.Id, session.Complete() with { Shared = NotesApi.Shared with { Topic = "Grief around the holidays" } });

        var note = await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync();
        Assert.Equal("Grief around the holidays", note.GetProperty("shared").Text("topic"));
    }

    /// <summary>
    /// Signing moves the appointment's version, so a change of attendance that read the note as a draft and is saved
    /// after the signature fails its version check instead of changing the signed record.
    /// </summary>
    [Fact]
    public async Task Sign_MovesTheAppointmentsVersion_SoAnAttendanceChangeRacingTheSignatureLoses_Rule13()
    {
        var session = await app.HeldSessionAsync();
        var before = (await session.Http.GetAsync($"/api/v1/appointments/{session.Id}", Ct)).Headers.ETag;

        await session.SignedAsync();

        var after = (await session.Http.GetAsync($"/api/v1/appointments/{session.Id}", Ct)).Headers.ETag;
        Assert.NotNull(before);
        Assert.NotEqual(before, after);
    }

    /// <summary>An autosave and a Save draft click arriving together: neither asked for a version, so neither is refused.</summary>
    [Fact]
    public async Task Put_TwiceAtOnceWithoutIfMatch_SavesBoth_NeitherRefusedAsAConcurrentChange_Rule12()
    {
        for (var round = 0; round < 4; round++)
        {
            var session = await app.HeldSessionAsync();
            var first = session.Complete();
            var second = first with { Shared = NotesApi.Shared with { Topic = "Grief around the holidays" } };

            var puts = await Task.WhenAll(session.Http.PutNoteAsync(session.Id, first), session.Http.PutNoteAsync(session.Id, second));

            foreach (var put in puts)
            {
                await put.AssertOkAsync();
            }

            var topic = (await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync()).GetProperty("shared").Text("topic");
            Assert.Contains(topic, new[] { first.Shared.Topic, second.Shared.Topic });
        }
    }

    /// <summary>Several saves of one draft at the same moment (two people's autosaves and clicks): each round of collisions lets one through.</summary>
    [Fact]
    public async Task Put_FourAtOnceWithoutIfMatch_SavesEach_NoneRefusedAsAConcurrentChange_Rule12()
    {
        for (var round = 0; round < 3; round++)
        {
            var session = await app.HeldSessionAsync();
            var topics = new[] { "Sleep", "Work stress", "Family visits", "Grief around the holidays" };
            var drafts = topics.Select(t => session.Complete() with { Shared = NotesApi.Shared with { Topic = t } }).ToList();

            var puts = await Task.WhenAll(drafts.Select(d => session.Http.PutNoteAsync(session.Id, d)));

            foreach (var put in puts)
            {
                await put.AssertOkAsync();
            }

            var topic = (await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync()).GetProperty("shared").Text("topic");
            Assert.Contains(topic, topics);
        }
    }

    [Fact]
    public async Task Sign_OfACompleteDraft_RecordsTheSignerAndTheTimeAndLocksIt_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());

        var signed = await (await session.Http.SignNoteAsync(session.Id)).AssertOkAsync();

        Assert.Equal("signed", signed.Text("status"));
        Assert.Equal("Test Clinician", signed.Text("signedBy"));
        Assert.Equal(app.Now(), signed.Text("signedAt"));
        var read = await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync();
        Assert.Equal(("signed", "Test Clinician"), (read.Text("status"), read.Text("signedBy")));
    }

    [Fact]
    public async Task Put_AfterSigning_Is409NoteSigned_AndTheNoteIsUnchanged_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();

        var put = await session.Http.PutNoteAsync(session.Id, session.Complete() with { Shared = NotesApi.Shared with { Topic = "Rewritten" } });

        await put.AssertProblemAsync(HttpStatusCode.Conflict, "note-signed");
        var note = await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync();
        Assert.Equal(NotesApi.Shared.Topic, note.GetProperty("shared").Text("topic"));
    }

    [Fact]
    public async Task Sign_Twice_Is409NoteSigned_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();

        await (await session.Http.SignNoteAsync(session.Id)).AssertProblemAsync(HttpStatusCode.Conflict, "note-signed");
    }

    [Fact]
    public async Task Sign_WithAnAttendingMembersPlanMissing_Is409NoteIncomplete_AndStaysADraft_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id,
            new NotePayload(NotesApi.Shared, [NotesApi.AliceSection(session.Alice), NotesApi.BobSection(session.Bob) with { Plan = null }]));

        var problem = await (await session.Http.SignNoteAsync(session.Id)).AssertProblemAsync(HttpStatusCode.Conflict, "note-incomplete");

        Assert.Contains("plan", problem.Text("title"), StringComparison.Ordinal);
        Assert.Equal("draft", (await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync()).Text("status"));
    }

    [Fact]
    public async Task Sign_WithRiskAboveNoneAndNoDetail_Is409NoteIncomplete_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id,
            new NotePayload(NotesApi.Shared, [NotesApi.AliceSection(session.Alice) with { Risk = "moderate" }, NotesApi.BobSection(session.Bob)]));

        var problem = await (await session.Http.SignNoteAsync(session.Id)).AssertProblemAsync(HttpStatusCode.Conflict, "note-incomplete");

        Assert.Contains("risk detail", problem.Text("title"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_WithAMemberMarkedMissedBeforeTheDraft_NeedsNothingForThem_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.MarkMissedAsync(session.Id, session.Bob);
        await session.Http.SaveDraftAsync(session.Id, new NotePayload(NotesApi.Shared, [NotesApi.AliceSection(session.Alice)]));

        var signed = await (await session.Http.SignNoteAsync(session.Id)).AssertOkAsync();

        Assert.Equal("signed", signed.Text("status"));
        Assert.Equal("missed", signed.MemberOf(session.Bob).Text("attendance"));
    }

    /// <summary>
    /// The draft was saved while Bob was still expected; the front desk then marks him missed. The note's
    /// own copy of attendance must not hold the signature hostage to a section nobody needs to write.
    /// </summary>
    [Fact]
    public async Task Sign_WithAMemberMarkedMissedAfterTheLastDraft_NeedsNothingForThem_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, new NotePayload(NotesApi.Shared, [NotesApi.AliceSection(session.Alice)]));
        await session.Http.MarkMissedAsync(session.Id, session.Bob);

        var sign = await session.Http.SignNoteAsync(session.Id);

        var signed = await sign.AssertOkAsync();
        Assert.Equal("missed", signed.MemberOf(session.Bob).Text("attendance"));
    }

    [Fact]
    public async Task Get_AfterAMemberIsMarkedMissed_ShowsTheirAttendanceAsMissed_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, new NotePayload(NotesApi.Shared, [NotesApi.AliceSection(session.Alice)]));
        await session.Http.MarkMissedAsync(session.Id, session.Bob);

        var note = await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync();

        Assert.Equal("missed", note.MemberOf(session.Bob).Text("attendance"));
    }

    [Fact]
    public async Task Addendum_OnADraft_Is409NoteNotSigned_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());

        await (await session.Http.AddAddendumAsync(session.Id, "Too early")).AssertProblemAsync(HttpStatusCode.Conflict, "note-not-signed");
    }

    [Fact]
    public async Task Addendum_AfterSigning_IsAppendedWithItsAuthorAndTime_Rule12()
    {
        var session = await app.HeldSessionAsync();
        var signedAt = (await session.SignedAsync()).Text("signedAt");
        app.Time.Advance(TimeSpan.FromHours(26));
        var (clinician, admin) = (await app.SignInAsync(session.Clinician.Email), await app.AdminAsync());

        await (await clinician.AddAddendumAsync(session.Id, "Session ran ten minutes over.")).AssertOkAsync();
        var note = await (await admin.AddAddendumAsync(session.Id, "Reviewed by the practice lead.")).AssertOkAsync();

        var addenda = note.GetProperty("addenda").EnumerateArray().ToArray();
        Assert.Equal(["Session ran ten minutes over.", "Reviewed by the practice lead."], addenda.Select(a => a.Text("text")));
        Assert.Equal("Test Clinician", addenda[0].Text("author"));
        Assert.NotEqual("Test Clinician", addenda[1].Text("author"));
        Assert.All(addenda, a => Assert.Equal(app.Now(), a.Text("at")));
        Assert.Equal(("signed", signedAt), (note.Text("status"), note.Text("signedAt")));
        Assert.Equal(NotesApi.AliceParticipation, note.MemberOf(session.Alice).Text("participation"));
    }

    [Fact]
    public async Task Addendum_WithoutText_Is400NamingText_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();

        await (await session.Http.AddAddendumAsync(session.Id, "  ")).AssertFieldErrorAsync("text");
    }

    [Fact]
    public async Task Put_WithAStaleIfMatch_Is412_AndKeepsTheNewerDraft()
    {
        var session = await app.HeldSessionAsync();
        var first = await session.Http.PutNoteAsync(session.Id, session.Complete());
        var loaded = first.Headers.ETag!.Tag;
        await (await session.Http.PutNoteAsync(session.Id, session.Complete() with { Shared = NotesApi.Shared with { Topic = "Saved in another tab" } }, loaded))
            .AssertOkAsync();

        var stale = await session.Http.PutNoteAsync(session.Id, session.Complete() with { Shared = NotesApi.Shared with { Topic = "Stale edit" } }, loaded);

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        var note = await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync();
        Assert.Equal("Saved in another tab", note.GetProperty("shared").Text("topic"));
    }

    [Fact]
    public async Task Put_WithTheCurrentIfMatch_IsSaved_AndAnswersTheNextETag()
    {
        var session = await app.HeldSessionAsync();
        var first = await session.Http.PutNoteAsync(session.Id, session.Complete());

        var second = await session.Http.PutNoteAsync(session.Id, session.Complete(), first.Headers.ETag!.Tag);

        await second.AssertOkAsync();
        Assert.NotEqual(first.Headers.ETag.Tag, second.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Get_AnswersTheETagThatTheNextPutMaySendAsIfMatch()
    {
        var session = await app.HeldSessionAsync();
        var put = await session.Http.PutNoteAsync(session.Id, session.Complete());

        var get = await session.Http.GetNoteAsync(session.Id);

        Assert.Equal(put.Headers.ETag?.Tag, get.Headers.ETag?.Tag);
        await (await session.Http.PutNoteAsync(session.Id, session.Complete(), get.Headers.ETag!.Tag)).AssertOkAsync();
    }

    /// <summary>
    /// API.md: writes on notes honour If-Match. Signing is the write that matters most: a clinician who
    /// signs from a stale tab would put their signature under text they have not seen.
    /// </summary>
    [Fact]
    public async Task Sign_WithAStaleIfMatch_Is412_AndTheNoteStaysADraft()
    {
        var session = await app.HeldSessionAsync();
        var loaded = (await session.Http.PutNoteAsync(session.Id, session.Complete())).Headers.ETag!.Tag;
        await session.Http.SaveDraftAsync(session.Id, session.Complete() with { Shared = NotesApi.Shared with { Topic = "Changed in another tab" } });
        using var sign = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/appointments/{session.Id}/group-note/sign");
        sign.Headers.TryAddWithoutValidation("If-Match", loaded);

        var response = await session.Http.SendAsync(sign, Ct);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        Assert.Equal("draft", (await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync()).Text("status"));
    }

    [Fact]
    public async Task Put_WithATextOverEightThousandCharacters_Is400_AndKeepsTheDraft()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());

        var put = await session.Http.PutNoteAsync(session.Id,
            new NotePayload(NotesApi.Shared, [NotesApi.AliceSection(session.Alice) with { Progress = new string('x', 8001) }]));

        await put.AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        var note = await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync();
        Assert.Equal(NotesApi.AliceSection(session.Alice).Progress, note.MemberOf(session.Alice).Text("progress"));
    }

    [Fact]
    public async Task Put_WithAnUnknownRisk_Is400_AndSavesNothing()
    {
        var session = await app.HeldSessionAsync();

        var put = await session.Http.PutNoteAsync(session.Id,
            new NotePayload(NotesApi.Shared, [NotesApi.AliceSection(session.Alice) with { Risk = "extreme" }]));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        await (await session.Http.GetNoteAsync(session.Id)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Put_IgnoresTheAttendanceTheWriterSends_Rule12()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.MarkMissedAsync(session.Id, session.Bob);

        var note = await session.Http.SaveDraftAsync(session.Id, session.Complete());

        Assert.Equal("missed", note.MemberOf(session.Bob).Text("attendance"));
        Assert.Equal("attended", note.MemberOf(session.Alice).Text("attendance"));
    }

    [Fact]
    public async Task AppointmentJson_SaysWhetherThereIsANoteAndItsStatus_Rule12()
    {
        var session = await app.HeldSessionAsync();
        var before = await session.Http.AppointmentAsync(session.Id);

        await session.Http.SaveDraftAsync(session.Id, session.Complete());
        var drafted = await session.Http.AppointmentAsync(session.Id);
        await (await session.Http.SignNoteAsync(session.Id)).AssertOkAsync();
        var signed = await session.Http.AppointmentAsync(session.Id);

        Assert.False(before.GetProperty("hasGroupNote").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, before.GetProperty("noteStatus").ValueKind);
        Assert.Equal((true, "draft"), (drafted.GetProperty("hasGroupNote").GetBoolean(), drafted.Text("noteStatus")));
        Assert.Equal((true, "signed"), (signed.GetProperty("hasGroupNote").GetBoolean(), signed.Text("noteStatus")));
    }

    [Fact]
    public async Task ProgressNotePath_ServesTheSameNote_ForAnIndividualAppointment_Rule12()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 1);
        var client = setup.Members[0];
        var id = (await setup.Http.BookOneAsync(SchedulingApi.Individual(setup.ClinicianId, client, NotesApi.HeldLastWeek))).Id();
        var path = $"/api/v1/appointments/{id}/progress-note";
        var body = new NotePayload(NotesApi.Shared, [NotesApi.AliceSection(client)]);

        await (await setup.Http.PutAsync(path, System.Net.Http.Json.JsonContent.Create(body), Ct)).AssertOkAsync();
        var signed = await (await setup.Http.PostAsync($"{path}/sign", null, Ct)).AssertOkAsync();
        var read = await (await setup.Http.GetNoteAsync(id)).AssertOkAsync();

        Assert.Equal("signed", signed.Text("status"));
        Assert.Equal(NotesApi.AliceParticipation, read.MemberOf(client).Text("participation"));
    }
}

public sealed class NoteLifeCycleSqliteTests(SqliteApp app) : NoteLifeCycleTests(app), IClassFixture<SqliteApp>;

public sealed class NoteLifeCyclePostgresTests(PostgresApp app) : NoteLifeCycleTests(app), IClassFixture<PostgresApp>;
