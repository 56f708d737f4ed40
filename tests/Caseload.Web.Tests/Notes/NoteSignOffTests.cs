using System.Net;
using System.Text.RegularExpressions;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Notes;

/// <summary>Signing an incomplete note says which member and which field: per-field errors in the API's 409, each field marked in the form.</summary>
public abstract partial class NoteSignOffTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_WithAMembersFieldsEmpty_Is409NoteIncomplete_WithAnErrorPerFieldNamingTheMember()
    {
        var session = await app.HeldSessionAsync();
        var draft = await session.Http.SaveDraftAsync(session.Id, new NotePayload(NotesApi.Shared with { Interventions = null },
            [NotesApi.AliceSection(session.Alice), NotesApi.BobSection(session.Bob) with { Participation = null, Plan = " " }]));
        var bob = draft.MemberOf(session.Bob).Text("name");

        var problem = await (await session.Http.SignNoteAsync(session.Id)).AssertProblemAsync(HttpStatusCode.Conflict, "note-incomplete");

        Assert.Equal($"Complete before signing: the interventions used; participation, plan for {bob}.", problem.Text("title"));
        var errors = problem.GetProperty("errors");
        Assert.Equal(["shared.interventions", $"members.{session.Bob}.participation", $"members.{session.Bob}.plan"],
            errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal($"Write the plan for {bob} before signing.", errors.GetProperty($"members.{session.Bob}.plan")[0].GetString());
        Assert.Equal("draft", (await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync()).Text("status"));
    }

    [Fact]
    public async Task NotePage_SigningWithAMembersFieldsEmpty_MarksEachEmptyFieldInvalidWithAMessageNamingTheMember()
    {
        var session = await app.HeldSessionAsync();
        var draft = await session.Http.SaveDraftAsync(session.Id, session.Complete());
        var bob = draft.MemberOf(session.Bob).Text("name");
        var browser = await app.SignInWithTheCookieAsync(session.Clinician.Email);
        var form = await browser.GetStringAsync($"/Appointments/{session.Id}/Note", Ct);
        var members = draft.GetProperty("members").EnumerateArray().Select(m => m.Text("clientId")).ToList();
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageSessions.FormToken(form),
            ["Input.Topic"] = NotesApi.Shared.Topic!,
            ["Input.Interventions"] = NotesApi.Shared.Interventions!,
        };
        foreach (var (clientId, i) in members.Select((c, i) => (c, i)))
        {
            var section = clientId == session.Alice ? NotesApi.AliceSection(session.Alice) : NotesApi.BobSection(session.Bob) with { Plan = null };
            fields[$"Input.Members[{i}].ClientId"] = clientId;
            fields[$"Input.Members[{i}].Participation"] = section.Participation ?? "";
            fields[$"Input.Members[{i}].Progress"] = section.Progress ?? "";
            fields[$"Input.Members[{i}].MoodAffect"] = section.MoodAffect ?? "";
            fields[$"Input.Members[{i}].Plan"] = section.Plan ?? "";
            fields[$"Input.Members[{i}].Risk"] = "none";
        }

        var signed = await browser.PostAsync($"/Appointments/{session.Id}/Note?handler=Sign", new FormUrlEncodedContent(fields), Ct);

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var html = WebUtility.HtmlDecode(await signed.Content.ReadAsStringAsync(Ct));
        var bobsIndex = members.IndexOf(session.Bob);
        Assert.Contains($"Complete before signing: plan for {bob}.", html, StringComparison.Ordinal);
        var plan = PlanField().Matches(html).Single(m => m.Groups["i"].Value == bobsIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("is-invalid", plan.Groups["class"].Value, StringComparison.Ordinal);
        Assert.Contains($"Write the plan for {bob} before signing.", html, StringComparison.Ordinal);
        Assert.Single(InvalidFields().Matches(html));
        Assert.Equal("draft", (await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync()).Text("status"));
    }

    [GeneratedRegex("<textarea[^>]*class=\"(?<class>[^\"]*)\"[^>]*name=\"Input.Members\\[(?<i>\\d+)\\].Plan\"")]
    private static partial Regex PlanField();

    [GeneratedRegex("class=\"form-control is-invalid")]
    private static partial Regex InvalidFields();
}

public sealed class NoteSignOffSqliteTests(SqliteApp app) : NoteSignOffTests(app), IClassFixture<SqliteApp>;

public sealed class NoteSignOffPostgresTests(PostgresApp app) : NoteSignOffTests(app), IClassFixture<PostgresApp>;
