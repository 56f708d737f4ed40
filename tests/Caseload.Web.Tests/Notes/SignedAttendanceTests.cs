using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Notes;

/// <summary>
/// Rule 13: once the session's note is signed, attendance is part of the signed record. Direct changes answer 409
/// note-signed; a correction is an addendum (who, when, from, to, why) whose invoices follow the missed-session rules.
/// The session was held a week ago with Alice and Bob attended, each with an open session invoice.
/// </summary>
public abstract class SignedAttendanceTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HeldSession> SignedSessionAsync()
    {
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();
        return session;
    }

    private static Task<HttpResponseMessage> CorrectAsync(HeldSession session, string clientId, string attendance, string? why, decimal? charge = null) =>
        session.Http.PostAsJsonAsync($"{session.NotePath}/addenda", new { text = why, clientId, attendance, charge }, Ct);

    [Fact]
    public async Task MarkMissed_AfterTheNoteIsSigned_Is409NoteSigned_AndLeavesAttendanceAndInvoicesAlone_Rule13()
    {
        var session = await SignedSessionAsync();

        await (await session.Http.MarkMissedAsync(session.Id, session.Bob, "No-show", 0m)).AssertProblemAsync(HttpStatusCode.Conflict, "note-signed");

        Assert.Equal("attended", await session.Http.StatusOfAsync(session.Id, session.Bob));
        Assert.Equal("open", (await session.Http.InvoiceOfAsync(session.Id, session.Bob, "service")).Text("status"));
        Assert.DoesNotContain(await session.Http.InvoicesOfAsync(session.Id), i => i.Text("kind") == "missed");
    }

    [Theory]
    [InlineData("unmark attended")]
    [InlineData("mark attended")]
    [InlineData("all attended")]
    public async Task DirectAttendanceChanges_AfterTheNoteIsSigned_Are409NoteSigned_Rule13(string change)
    {
        var session = await SignedSessionAsync();

        var response = change switch
        {
            "unmark attended" => await session.Http.UnmarkAttendedAsync(session.Id, session.Alice),
            "mark attended" => await session.Http.MarkAttendedAsync(session.Id, session.Alice),
            _ => await session.Http.PostAsync($"/api/v1/appointments/{session.Id}/attendance/all-attended", null, Ct),
        };

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "note-signed");
        Assert.Equal("attended", await session.Http.StatusOfAsync(session.Id, session.Alice));
    }

    [Fact]
    public async Task UndoMissed_AfterTheNoteIsSigned_Is409NoteSigned_AndTheClientStaysMissed_Rule13()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.MarkMissedAsync(session.Id, session.Bob);
        await session.Http.SaveDraftAsync(session.Id, session.Complete());
        await (await session.Http.SignNoteAsync(session.Id)).AssertOkAsync();

        await (await session.Http.UndoMissedAsync(session.Id, session.Bob)).AssertProblemAsync(HttpStatusCode.Conflict, "note-signed");

        Assert.Equal("missed", await session.Http.StatusOfAsync(session.Id, session.Bob));
    }

    [Fact]
    public async Task CorrectionToMissed_ByAddendum_VoidsTheServiceInvoice_BillsTheCharge_AndRecordsTheCorrection_Rule13()
    {
        var session = await SignedSessionAsync();

        var note = await (await CorrectAsync(session, session.Bob, "missed", "Bob left after five minutes;\nhe did not take part.", 25.00m)).AssertOkAsync();

        Assert.Equal("missed", await session.Http.StatusOfAsync(session.Id, session.Bob));
        Assert.Equal("void", (await session.Http.InvoiceOfAsync(session.Id, session.Bob, "service")).Text("status"));
        var missed = await session.Http.InvoiceOfAsync(session.Id, session.Bob, "missed");
        Assert.Equal(("open", 25.00m), (missed.Text("status"), missed.Amount("total")));
        var addendum = Assert.Single(note.GetProperty("addenda").EnumerateArray());
        Assert.Equal(("Bob left after five minutes;\nhe did not take part.", session.Bob), (addendum.Text("text"), addendum.Text("clientId")));
        Assert.False(string.IsNullOrEmpty(addendum.Text("author")));
        Assert.Equal(app.Now(), addendum.Text("at"));
        var correction = addendum.GetProperty("correction");
        Assert.Equal(("attended", "missed", 25.00m), (correction.Text("from"), correction.Text("to"), correction.Amount("charge")));
        Assert.Equal("signed", note.Text("status"));
        Assert.Equal(NotesApi.BobParticipation, note.MemberOf(session.Bob).Text("participation"));
    }

    [Fact]
    public async Task CorrectionToMissed_WithoutACharge_TakesTheDefaultMissedSessionFee_AsMarkingMissedDoes_Rule13()
    {
        var session = await SignedSessionAsync();
        var admin = await app.AdminAsync();
        var fee = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/practice", Ct)).Amount("missedSessionFee");

        var note = await (await CorrectAsync(session, session.Bob, "missed", "Left early")).AssertOkAsync();

        Assert.Equal(fee, note.GetProperty("addenda")[0].GetProperty("correction").Amount("charge"));
    }

    [Fact]
    public async Task CorrectionToAttended_ByAddendum_VoidsTheMissedInvoice_AndIssuesTheSessionInvoiceAgain_Rule13()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.MissedAsync(session.Id, session.Bob, new { reason = "No-show", charge = 30.00m });
        await session.Http.SaveDraftAsync(session.Id, session.Complete());
        await (await session.Http.SignNoteAsync(session.Id)).AssertOkAsync();

        var note = await (await CorrectAsync(session, session.Bob, "attended", "He was in the waiting room the whole time")).AssertOkAsync();

        Assert.Equal("attended", await session.Http.StatusOfAsync(session.Id, session.Bob));
        Assert.Equal("void", (await session.Http.InvoiceOfAsync(session.Id, session.Bob, "missed")).Text("status"));
        var service = (await session.Http.InvoicesOfAsync(session.Id)).Where(i => i.Text("clientId") == session.Bob && i.Text("kind") == "service").ToList();
        Assert.Equal(["open", "void"], service.Select(i => i.Text("status")).Order());
        var correction = note.GetProperty("addenda")[0].GetProperty("correction");
        Assert.Equal(("missed", "attended"), (correction.Text("from"), correction.Text("to")));
    }

    [Fact]
    public async Task CorrectionToAttended_WhenTheMissedChargeWasPaid_Is409PaymentTaken_AndChangesNothing_Rule13()
    {
        var session = await app.HeldSessionAsync();
        var missedNote = await session.Http.MissedAsync(session.Id, session.Bob, new { reason = "No-show", charge = 30.00m });
        await app.PayCashAsync(missedNote.Text("invoiceId"), 30.00m);
        await session.Http.SaveDraftAsync(session.Id, session.Complete());
        await (await session.Http.SignNoteAsync(session.Id)).AssertOkAsync();

        await (await CorrectAsync(session, session.Bob, "attended", "He was there")).AssertProblemAsync(HttpStatusCode.Conflict, "payment-taken");

        Assert.Equal("missed", await session.Http.StatusOfAsync(session.Id, session.Bob));
        Assert.Empty((await (await session.Http.GetNoteAsync(session.Id)).AssertOkAsync()).GetProperty("addenda").EnumerateArray());
    }

    [Fact]
    public async Task CorrectionToMissed_WhenTheSessionInvoiceWasPaid_Is409PaymentTaken_AndChangesNothing_Rule13()
    {
        var session = await SignedSessionAsync();
        var service = await session.Http.InvoiceOfAsync(session.Id, session.Bob, "service");
        await app.PayCashAsync(service.Text("id"), service.Amount("clientOwes"));

        await (await CorrectAsync(session, session.Bob, "missed", "Left early", 0m)).AssertProblemAsync(HttpStatusCode.Conflict, "payment-taken");

        Assert.Equal("attended", await session.Http.StatusOfAsync(session.Id, session.Bob));
    }

    [Fact]
    public async Task Correction_WithoutAReason_Is400NamingText_AndChangesNothing_Rule13()
    {
        var session = await SignedSessionAsync();

        await (await CorrectAsync(session, session.Bob, "missed", "  ")).AssertFieldErrorAsync("text");

        Assert.Equal("attended", await session.Http.StatusOfAsync(session.Id, session.Bob));
        Assert.Equal("open", (await session.Http.InvoiceOfAsync(session.Id, session.Bob, "service")).Text("status"));
    }

    [Fact]
    public async Task Correction_ToAStatusThatIsNotAttendedOrMissed_Is400NamingAttendance_Rule13()
    {
        var session = await SignedSessionAsync();

        await (await CorrectAsync(session, session.Bob, "invited", "Undo")).AssertFieldErrorAsync("attendance");
    }

    [Fact]
    public async Task Correction_OfADraftNote_Is409NoteNotSigned_Rule13()
    {
        var session = await app.HeldSessionAsync();
        await session.Http.SaveDraftAsync(session.Id, session.Complete());

        await (await CorrectAsync(session, session.Bob, "missed", "Left early")).AssertProblemAsync(HttpStatusCode.Conflict, "note-not-signed");

        Assert.Equal("attended", await session.Http.StatusOfAsync(session.Id, session.Bob));
    }

    [Theory]
    [InlineData("Scheduler", HttpStatusCode.Forbidden)]
    [InlineData("Biller", HttpStatusCode.Forbidden)]
    [InlineData("Clinician", HttpStatusCode.NotFound)]
    public async Task Correction_BySomeoneWhoMayNotWriteTheNote_IsRefused_AndChangesNothing_Rule13(string role, HttpStatusCode status)
    {
        var session = await SignedSessionAsync();
        var other = await app.StaffAsync(role);

        var response = await other.Client.PostAsJsonAsync($"{session.NotePath}/addenda",
            new { text = "Left early", clientId = session.Bob, attendance = "missed", charge = 0m }, Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("attended", await session.Http.StatusOfAsync(session.Id, session.Bob));
    }

    [Fact]
    public async Task AppointmentPage_AfterSigning_OffersACorrectionInsteadOfTheAttendanceButtons_Rule13()
    {
        var session = await SignedSessionAsync();

        var html = await session.Http.GetStringAsync($"/Appointments/{session.Id}", Ct);

        Assert.DoesNotContain("aria-label=\"Missed:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-label=\"Attended:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Mark all attended", html, StringComparison.Ordinal);
        Assert.Contains("Correct attendance…", html, StringComparison.Ordinal);
        Assert.Contains("The note is signed; attendance is part of the signed record. A correction is added to the note as an addendum.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppointmentPage_CorrectionForm_ChangesAttendance_AndTheNoteAndPrintShowTheCorrection_Rule13()
    {
        var session = await SignedSessionAsync();
        var browser = await app.SignInWithTheCookieAsync(session.Clinician.Email);

        var response = await SessionPageTests.SubmitAsync(browser, session.Id, "Correct", new Dictionary<string, string>
        {
            ["clientId"] = session.Bob,
            ["attendance"] = "missed",
            ["reason"] = "Left after five minutes",
            ["charge"] = "0.00",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Attendance corrected. The correction is added to the signed note as an addendum.", await response.Content.ReadAsStringAsync(Ct),
            StringComparison.Ordinal);
        Assert.Equal("missed", await session.Http.StatusOfAsync(session.Id, session.Bob));
        const string Shown = "Attendance corrected from attended to missed (missed-session charge 0.00). Why: Left after five minutes";
        Assert.Contains(Shown, await session.Http.GetStringAsync($"/Appointments/{session.Id}/Note", Ct), StringComparison.Ordinal);
        Assert.Contains(Shown, await session.Http.GetStringAsync($"/Appointments/{session.Id}/Note/Print/{session.Bob}", Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(Shown, await session.Http.GetStringAsync($"/Appointments/{session.Id}/Note/Print/{session.Alice}", Ct), StringComparison.Ordinal);
    }
}

public sealed class SignedAttendanceSqliteTests(SqliteApp app) : SignedAttendanceTests(app), IClassFixture<SqliteApp>;

public sealed class SignedAttendancePostgresTests(PostgresApp app) : SignedAttendanceTests(app), IClassFixture<PostgresApp>;
