using System.Text.Json;
using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Api;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Portal.Sessions;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Scheduling;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Web.Tests.Portal;

/// <summary>
/// A client cancelling their own session under the practice's policy (the default 24-hour late-cancel window): in time
/// a group seat is freed (rule 6: reminders cancelled, no invoice) and an individual session cancelled; inside the window
/// the fee is named first, and confirming marks the client missed with it, billed to them alone (rule 7). Each member's
/// missed-session fee is 35.00.
/// </summary>
public abstract class CancelMySessionTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClientPayload WithAFee(ClientPayload client) => client with { MissedSessionFee = 35.00m };

    private static ClientPayload InsuredWithAFee(ClientPayload client) =>
        WithAFee(client) with { Billing = BillingPayload.Insurance("Blue Harbor Health", "BH-" + Guid.NewGuid().ToString("N")[..8], 15m) };

    private Task<Outcome<MySessionCancelled>> CancelAsync(string appointmentId, string clientId, bool confirmLateFee = false) =>
        app.AsClientAsync<CancelMySession, Outcome<MySessionCancelled>>(c => c.HandleAsync(new CancelMySessionCommand(appointmentId, clientId, confirmLateFee), Ct));

    /// <summary>Tomorrow at 09:00: 23 hours from the test clock's 10:00, inside the 24-hour window.</summary>
    private string InsideTheWindow => app.At(1, hour: 9);

    private async Task<T> InDatabaseAsync<T>(Func<CaseloadDbContext, Task<T>> read)
    {
        using var scope = app.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<CaseloadDbContext>());
    }

    [Fact]
    public async Task Cancel_OutsideTheWindow_FreesTheClientsSeat_InThatAppointmentAlone_Rule6()
    {
        var scene = await app.PortalSceneAsync(WithAFee);
        var session = await scene.GroupSessionAsync(app.At(7));

        var done = (await CancelAsync(session, scene.Alice.Id)).Value;

        Assert.Equal((MyCancellation.SeatGivenUp, (decimal?)null), (done.What, done.Fee));
        Assert.Equal(SchedulingApi.Sorted(scene.Bob.Id, scene.Carol.Id), (await scene.Http.AppointmentAsync(session)).InviteeIds());
        Assert.Empty(await scene.Http.InvoicesOfAsync(session));
    }

    [Fact]
    public async Task Cancel_OutsideTheWindow_CancelsTheClientsPendingReminders_AndLeavesTheOthers_Rule6()
    {
        var scene = await app.PortalSceneAsync();
        var session = await scene.GroupSessionAsync(app.At(7));

        await CancelAsync(session, scene.Alice.Id);

        var reminders = await scene.Http.RemindersAsync(session);
        Assert.All(reminders.Where(r => r.Text("clientId") == scene.Alice.Id), r => Assert.Equal("cancelled", r.Text("status")));
        Assert.Equal(2, reminders.Count(r => r.Text("clientId") == scene.Alice.Id));
        Assert.All(reminders.Where(r => r.Text("clientId") == scene.Bob.Id), r => Assert.Equal("pending", r.Text("status")));
    }

    [Fact]
    public async Task Cancel_IsInTheAppointmentsHistoryAndTheAuditTrail_WithTheClientAsTheActor()
    {
        var scene = await app.PortalSceneAsync();
        var session = await scene.GroupSessionAsync(app.At(7));

        await CancelAsync(session, scene.Alice.Id);

        var line = (await scene.Http.HistoryAsync(session)).Last();
        Assert.Equal($"{scene.Alice.FirstName} {scene.Alice.LastName} (client portal)", line.Text("by"));
        var entry = await InDatabaseAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(e => e.ClientId == scene.Alice.Id && e.EntityId == session && e.Action == AuditActions.Change, Ct));
        Assert.Equal(("client:" + scene.Alice.Id, $"{scene.Alice.FirstName} {scene.Alice.LastName} (client)"), (entry.UserId, entry.UserName));
    }

    [Fact]
    public async Task Cancel_OutsideTheWindow_OfAnIndividualSession_CancelsTheAppointment()
    {
        var scene = await app.PortalSceneAsync(WithAFee);
        var session = await scene.IndividualSessionAsync(scene.Alice, app.At(7));

        var done = (await CancelAsync(session, scene.Alice.Id)).Value;

        Assert.Equal(MyCancellation.SessionCancelled, done.What);
        Assert.Equal("cancelled", (await scene.Http.AppointmentAsync(session)).Text("status"));
        Assert.All(await scene.Http.RemindersAsync(session), r => Assert.Equal("cancelled", r.Text("status")));
        Assert.Empty(await scene.Http.InvoicesOfAsync(session));
    }

    [Fact]
    public async Task Cancel_InsideTheWindow_WithoutConfirmation_IsRefusedLateCancelFee_NamingTheFee_AndChangesNothing()
    {
        var scene = await app.PortalSceneAsync(WithAFee);
        var session = await scene.GroupSessionAsync(InsideTheWindow);

        var refusal = (await CancelAsync(session, scene.Alice.Id)).First!;

        Assert.Equal(RefusalCodes.LateCancelFee, refusal.Code);
        Assert.Contains("35.00", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(35.00m, refusal.Facts![ClientCancellation.FeeFact]);
        Assert.Equal("invited", await scene.Http.StatusOfAsync(session, scene.Alice.Id));
        Assert.Empty(await scene.Http.InvoicesOfAsync(session));
    }

    [Fact]
    public async Task Cancel_InsideTheWindow_WithoutConfirmation_AnswersAsA409ProblemDetail_WhoseFeeMemberNamesTheFee()
    {
        var scene = await app.PortalSceneAsync(WithAFee);
        var session = await scene.GroupSessionAsync(InsideTheWindow);
        var outcome = await CancelAsync(session, scene.Alice.Id);

        using var scope = app.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Response.Body = new MemoryStream();
        await Problems.For(outcome.AsOutcome).ExecuteAsync(context);

        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: Ct);
        Assert.Equal(StatusCodes.Status409Conflict, context.Response.StatusCode);
        Assert.Equal(RefusalCodes.LateCancelFee, body.RootElement.GetProperty("code").GetString());
        Assert.Equal(35.00m, body.RootElement.GetProperty("fee").GetDecimal());
        Assert.Contains("35.00", body.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_InsideTheWindow_WithoutAClientFee_NamesThePracticesMissedSessionFee()
    {
        var scene = await app.PortalSceneAsync();
        var session = await scene.GroupSessionAsync(InsideTheWindow);
        var before = await app.SetPracticeMissedSessionFeeAsync(30.00m);

        var refusal = (await CancelAsync(session, scene.Alice.Id)).First!;

        await app.SetPracticeMissedSessionFeeAsync(before);
        Assert.Equal(RefusalCodes.LateCancelFee, refusal.Code);
        Assert.Equal(30.00m, refusal.Facts![ClientCancellation.FeeFact]);
    }

    [Fact]
    public async Task Cancel_InsideTheWindow_Confirmed_MarksTheClientMissedWithTheFee_OnAMissedInvoiceBilledToTheClientAlone_Rule7()
    {
        var scene = await app.PortalSceneAsync(InsuredWithAFee);
        var session = await scene.GroupSessionAsync(InsideTheWindow);

        var done = (await CancelAsync(session, scene.Alice.Id, confirmLateFee: true)).Value;

        Assert.Equal((MyCancellation.CancelledLate, (decimal?)35.00m), (done.What, done.Fee));
        Assert.Equal(("missed", "invited"), (await scene.Http.StatusOfAsync(session, scene.Alice.Id), await scene.Http.StatusOfAsync(session, scene.Bob.Id)));
        var note = await (await scene.Http.MissedNoteAsync(session, scene.Alice.Id)).OkJsonAsync();
        Assert.Equal((ClientCancellation.LateReason, 35.00m), (note.Text("reason"), note.Amount("charge")));
        var missed = await scene.Http.InvoiceOfAsync(session, scene.Alice.Id, "missed");
        Assert.Equal((35.00m, 35.00m, 0m), (missed.Amount("total"), missed.Amount("clientOwes"), missed.Amount("payerOwes")));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, missed.GetProperty("payer").ValueKind);
        Assert.False(await InDatabaseAsync(db => db.Claims.AnyAsync(c => c.InvoiceId == missed.Text("id"), Ct)));
    }

    [Fact]
    public async Task Cancel_InsideTheWindow_Confirmed_CancelsTheClientsPendingReminders_Rule7()
    {
        var scene = await app.PortalSceneAsync(WithAFee);
        var session = await scene.GroupSessionAsync(InsideTheWindow);

        await CancelAsync(session, scene.Alice.Id, confirmLateFee: true);

        var reminders = await scene.Http.RemindersAsync(session);
        Assert.DoesNotContain(reminders, r => r.Text("clientId") == scene.Alice.Id && r.Text("status") == "pending");
        Assert.Contains(reminders, r => r.Text("clientId") == scene.Bob.Id && r.Text("status") == "pending");
    }

    [Fact]
    public async Task Cancel_InTime_ThenTheClockMovesIntoTheWindow_TheSameCancellationIsLate()
    {
        var scene = await app.PortalSceneAsync(WithAFee);
        var first = await scene.GroupSessionAsync(app.At(1, hour: 13));
        var second = await scene.GroupSessionAsync(app.At(1, hour: 14)); // 28 hours ahead; 23 once the clock moved
        Assert.True((await CancelAsync(first, scene.Alice.Id)).Succeeded);

        app.Time.Advance(TimeSpan.FromHours(5));

        Assert.Equal(RefusalCodes.LateCancelFee, (await CancelAsync(second, scene.Alice.Id)).First?.Code);
    }

    [Fact]
    public async Task Cancel_AnotherClientsAppointment_IsNotFound()
    {
        var scene = await app.PortalSceneAsync(WithAFee);
        var bobsOwn = await scene.IndividualSessionAsync(scene.Bob, app.At(7));

        Assert.Equal(RefusalCodes.NotFound, (await CancelAsync(bobsOwn, scene.Alice.Id, confirmLateFee: true)).First?.Code);
        Assert.Equal("scheduled", (await scene.Http.AppointmentAsync(bobsOwn)).Text("status"));
    }

    [Fact]
    public async Task Cancel_APastSession_IsRefusedSessionStarted()
    {
        var scene = await app.PortalSceneAsync(WithAFee);
        var past = await scene.GroupSessionAsync(app.At(-7));

        Assert.Equal(RefusalCodes.SessionStarted, (await CancelAsync(past, scene.Alice.Id, confirmLateFee: true)).First?.Code);
        Assert.Equal("invited", await scene.Http.StatusOfAsync(past, scene.Alice.Id));
    }

    [Fact]
    public async Task Cancel_WhenTheClientIsAlreadyMarked_IsRefusedAttendanceRecorded()
    {
        var scene = await app.PortalSceneAsync(WithAFee);
        var today = await scene.GroupSessionAsync(app.At(0, hour: 18));
        await scene.Http.MissedAsync(today, scene.Alice.Id, new { reason = "Called in sick", charge = 0m });

        Assert.Equal(RefusalCodes.AttendanceRecorded, (await CancelAsync(today, scene.Alice.Id, confirmLateFee: true)).First?.Code);
    }

    [Fact]
    public async Task Cancel_ASeatAlreadyGivenUp_IsRefusedAppointmentCancelled()
    {
        var scene = await app.PortalSceneAsync();
        var session = await scene.GroupSessionAsync(app.At(7));
        await CancelAsync(session, scene.Alice.Id);

        Assert.Equal(RefusalCodes.AppointmentCancelled, (await CancelAsync(session, scene.Alice.Id)).First?.Code);
    }
}

public sealed class CancelMySessionSqliteTests(SqliteApp app) : CancelMySessionTests(app), IClassFixture<SqliteApp>;

public sealed class CancelMySessionPostgresTests(PostgresApp app) : CancelMySessionTests(app), IClassFixture<PostgresApp>;
