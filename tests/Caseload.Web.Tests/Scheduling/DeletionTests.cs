using System.Net;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Scheduling;

/// <summary>
/// Rule 8: an appointment with a payment taken is not deleted, and the refusal names the reason; a
/// deleted appointment takes its unpaid invoices and its reminders with it; a series is deleted from a
/// date on, each occurrence judged on its own. (Deleting a single appointment with a group note is the
/// notes feature's own test.)
/// </summary>
public abstract class DeletionTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Weekly from two weeks ago, five occurrences: -14, -7, today, +7, +14 days, at 09:00.</summary>
    private async Task<(GroupSetup Setup, string SeriesId, string[] Occurrences)> FiveWeeksAsync()
    {
        var setup = await app.ClinicianWithGroupAsync();
        var booked = await setup.Http.BookAsync(setup.Session(app.At(-14, hour: 9)) with { Recurrence = RecurrencePayload.Weekly(5) });
        return (setup, booked.Text("seriesId"), booked.Appointments().Ids());
    }

    private async Task<string> PayServiceInvoiceAsync(HttpClient http, string appointmentId, string clientId, decimal amount) =>
        await app.PayCashAsync((await http.InvoiceOfAsync(appointmentId, clientId, "service")).Text("id"), amount);

    [Fact]
    public async Task Delete_OfAnAppointmentWithAPayment_Is409HasPaymentNamingThePayment_Rule8()
    {
        var session = await app.BookedAsync(SessionDay.Today);
        await PayServiceInvoiceAsync(session.Http, session.Id, session.Alice, 10.00m);

        var problem = await (await session.Http.DeleteAppointmentAsync(session.Id)).AssertProblemAsync(HttpStatusCode.Conflict, "has-payment");

        Assert.Contains("payment", problem.Text("title"), StringComparison.OrdinalIgnoreCase);
        Assert.True((await session.Http.AppointmentAsync(session.Id)).GetProperty("hasPayment").GetBoolean());
    }

    [Fact]
    public async Task Delete_AfterItsPaymentWasRefunded_IsStillRefusedAsHasPayment_NeverAServerError_Rule8()
    {
        var session = await app.BookedAsync(SessionDay.Today);
        var payment = await PayServiceInvoiceAsync(session.Http, session.Id, session.Alice, 60.00m);
        await app.RefundAsync(payment, 60.00m);

        var response = await session.Http.DeleteAppointmentAsync(session.Id);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "has-payment");
    }

    [Fact]
    public async Task Delete_OfAFutureAppointment_Is204AndItIsGone_Rule8()
    {
        var session = await app.BookedAsync(SessionDay.Later);

        await (await session.Http.DeleteAppointmentAsync(session.Id)).AssertNoContentAsync();

        await (await session.Http.GetAsync($"/api/v1/appointments/{session.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Delete_RemovesItsUnpaidInvoices_Rule8()
    {
        var session = await app.BookedAsync(SessionDay.Today);
        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "No-show", charge = 20.00m });
        Assert.Equal(3, (await session.Http.InvoicesOfAsync(session.Id)).Length);

        await (await session.Http.DeleteAppointmentAsync(session.Id)).AssertNoContentAsync();

        Assert.Empty(await (await app.AdminAsync()).InvoicesOfAsync(session.Id));
    }

    [Fact]
    public async Task Delete_RemovesItsReminders_Rule8()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 0);
        await setup.MemberAsync(c => c with { Reminders = new RemindersPayload(Email: true, Text: false) });
        var session = await setup.BookedAsync(app.At(7));
        Assert.Equal(2, (await session.Http.RemindersAsync(session.Id)).Length);

        await (await session.Http.DeleteAppointmentAsync(session.Id)).AssertNoContentAsync();

        var reminders = await (await app.AdminAsync()).ArrayAsync($"/api/v1/reminders?from={app.Date(5)}&to={app.Date(7)}");
        Assert.DoesNotContain(reminders, r => r.Text("appointmentId") == session.Id);
    }

    [Fact]
    public async Task Delete_OfAPastAppointmentWithoutPayment_IsAllowed_Rule8()
    {
        var session = await app.BookedAsync(SessionDay.Past);

        await (await session.Http.DeleteAppointmentAsync(session.Id)).AssertNoContentAsync();
    }

    [Fact]
    public async Task DeleteSeries_FromADate_DeletesThisAndFollowing_KeepsTheOneWithAPaymentAndSaysWhy_Rule8()
    {
        var (setup, seriesId, occurrences) = await FiveWeeksAsync();
        await PayServiceInvoiceAsync(setup.Http, occurrences[1], setup.Members[0], 60.00m);

        var result = await (await setup.Http.DeleteSeriesAsync(seriesId, app.Date(-7))).OkJsonAsync();

        Assert.Equal(occurrences[2..], result.GetProperty("deleted").EnumerateArray().Select(d => d.GetString()));
        var kept = Assert.Single(result.GetProperty("kept").EnumerateArray());
        Assert.Equal(occurrences[1], kept.Text("appointmentId"));
        Assert.Contains("payment", kept.Text("reason"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DeleteSeries_WithAnOccurrenceWhosePaymentWasRefunded_KeepsItAsHasPayment_NeverAServerError_Rule8()
    {
        var (setup, seriesId, occurrences) = await FiveWeeksAsync();
        var payment = await PayServiceInvoiceAsync(setup.Http, occurrences[2], setup.Members[0], 60.00m);
        await app.RefundAsync(payment, 60.00m);

        var response = await setup.Http.DeleteSeriesAsync(seriesId, app.Date(-7));

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        var kept = Assert.Single((await response.OkJsonAsync()).GetProperty("kept").EnumerateArray());
        Assert.Equal(occurrences[2], kept.Text("appointmentId"));
    }

    [Fact]
    public async Task DeleteSeries_JudgesEachOccurrenceOnItsOwn_KeepingOneWithANoteAndOneWithAPaymentSayingWhichIsWhich_Rule8()
    {
        var (setup, seriesId, occurrences) = await FiveWeeksAsync();
        await setup.Http.SaveDraftNoteAsync(occurrences[1]);
        await PayServiceInvoiceAsync(setup.Http, occurrences[2], setup.Members[1], 5.00m);

        var result = await (await setup.Http.DeleteSeriesAsync(seriesId, app.Date(-7))).OkJsonAsync();

        Assert.Equal(occurrences[3..], result.GetProperty("deleted").EnumerateArray().Select(d => d.GetString()));
        var kept = result.GetProperty("kept").EnumerateArray().ToDictionary(k => k.Text("appointmentId"), k => k.Text("reason"));
        Assert.Equal(SchedulingApi.Sorted(occurrences[1], occurrences[2]), SchedulingApi.Sorted([.. kept.Keys]));
        Assert.Contains("group note", kept[occurrences[1]], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("payment", kept[occurrences[2]], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DeleteSeries_FromADate_TheDeletedOccurrencesAreGoneAndTheKeptOneStays_Rule8()
    {
        var (setup, seriesId, occurrences) = await FiveWeeksAsync();
        await PayServiceInvoiceAsync(setup.Http, occurrences[1], setup.Members[0], 60.00m);

        await (await setup.Http.DeleteSeriesAsync(seriesId, app.Date(-7))).OkJsonAsync();

        Assert.Equal(occurrences[1], (await setup.Http.AppointmentAsync(occurrences[1])).Id());
        foreach (var deleted in occurrences[2..])
        {
            await (await setup.Http.GetAsync($"/api/v1/appointments/{deleted}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
    }

    [Fact]
    public async Task DeleteSeries_FromADate_LeavesEarlierOccurrencesAndTheirInvoicesUntouched_Rule8()
    {
        var (setup, seriesId, occurrences) = await FiveWeeksAsync();
        var invoicesBefore = await setup.Http.InvoicesOfAsync(occurrences[0]);

        await (await setup.Http.DeleteSeriesAsync(seriesId, app.Date(-7))).OkJsonAsync();

        var first = await setup.Http.AppointmentAsync(occurrences[0]);
        Assert.Equal(SchedulingApi.Sorted([.. setup.Members]), first.InviteeIds());
        Assert.Equal(invoicesBefore.Select(i => i.GetRawText()), (await setup.Http.InvoicesOfAsync(occurrences[0])).Select(i => i.GetRawText()));
    }

    [Fact]
    public async Task DeleteSeries_FromTomorrow_DeletesOnlyTheFutureOccurrences_Rule8()
    {
        var (setup, seriesId, occurrences) = await FiveWeeksAsync();

        var result = await (await setup.Http.DeleteSeriesAsync(seriesId, app.Date(1))).OkJsonAsync();

        Assert.Equal(occurrences[3..], result.GetProperty("deleted").EnumerateArray().Select(d => d.GetString()));
        Assert.Empty(result.GetProperty("kept").EnumerateArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("next-week")]
    [InlineData("2026-02-30")]
    public async Task DeleteSeries_WithoutAValidFromDate_Is400NamingFrom_Rule8(string? from)
    {
        var (setup, seriesId, occurrences) = await FiveWeeksAsync();

        await (await setup.Http.DeleteSeriesAsync(seriesId, from)).AssertFieldErrorAsync("from");

        Assert.Equal(occurrences[^1], (await setup.Http.AppointmentAsync(occurrences[^1])).Id());
    }

    [Fact]
    public async Task DeleteSeries_ThatDoesNotExist_Is404_Rule8()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 1);

        await (await setup.Http.DeleteSeriesAsync("no-such-series", app.Date(0))).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task DeleteSeries_OfAnotherClinician_Is404AndDeletesNothing_Rule8()
    {
        var (setup, seriesId, occurrences) = await FiveWeeksAsync();
        var other = await app.StaffAsync("Clinician");

        await (await other.Client.DeleteSeriesAsync(seriesId, app.Date(1))).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        Assert.Equal(occurrences[^1], (await setup.Http.AppointmentAsync(occurrences[^1])).Id());
    }
}

public sealed class DeletionSqliteTests(SqliteApp app) : DeletionTests(app), IClassFixture<SqliteApp>;

public sealed class DeletionPostgresTests(PostgresApp app) : DeletionTests(app), IClassFixture<PostgresApp>;
