using System.Net;
using System.Net.Http.Json;
using Caseload.Web.Data;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Caseload.Web.Tests.Billing.BillingApi;

namespace Caseload.Web.Tests.Billing;

/// <summary>
/// Rule 9 for future sessions: the background worker invoices them on their day, exactly once, however
/// often or concurrently it runs. These tests move their own app's clock forward a day at a time, so
/// every date is taken relative to the clock's current "today".
/// </summary>
public abstract class InvoiceWorkerTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Moves the practice's clock on; sign-in tokens age with it, so staff sign in again afterwards.</summary>
    private void NextDay() => app.Time.Advance(TimeSpan.FromDays(1));

    private Task<HttpClient> AgainAsync(Staff staff) => app.SignInAsync(staff.Email);

    private static string[] ClientsOf(IEnumerable<System.Text.Json.JsonElement> invoices) =>
        SchedulingApi.Sorted([.. invoices.Select(i => i.Text("clientId"))]);

    [Fact]
    public async Task Worker_ForASessionBookedForTomorrow_InvoicesEachTickedInviteeOnceWhenTheDayComes_Rule9()
    {
        var setup = await app.BilledGroupAsync(BillingPayload.SelfPay(), Insured(copay: 20m), BillingPayload.SelfPay());
        var (selfPay, insured, unticked) = (setup.Members[0], setup.Members[1], setup.Members[2]);
        var appointment = await setup.Http.BookOneAsync(setup.Session(app.At(1, hour: 10),
            new InviteePayload(selfPay), new InviteePayload(insured), new InviteePayload(unticked, CreateInvoice: false)));

        await app.RunInvoiceWorkerAsync();
        Assert.Empty(await (await app.AdminAsync()).InvoicesAsync(appointmentId: appointment.Id()));

        NextDay();
        await app.RunInvoiceWorkerAsync();

        var invoices = await (await app.AdminAsync()).InvoicesAsync(appointmentId: appointment.Id());
        Assert.Equal(SchedulingApi.Sorted(selfPay, insured), ClientsOf(invoices));
        var claim = invoices.Single(i => i.Text("clientId") == insured);
        Assert.Equal((60.00m, 20.00m, 40.00m), (claim.Money("total"), claim.Money("clientOwes"), claim.Money("payerOwes")));
        Assert.Equal(app.Day(0), claim.Text("issuedOn"));
        Assert.Equal(app.Day(0), claim.Text("serviceDate"));
        Assert.Equal(60.00m, invoices.Single(i => i.Text("clientId") == selfPay).Money("clientOwes"));
    }

    [Fact]
    public async Task Worker_RunAgainTwiceAndConcurrentlyOnTwoScopes_NeverIssuesASecondInvoice_Rule9()
    {
        var setup = await app.BilledGroupAsync(BillingPayload.SelfPay(), Insured(copay: 20m), BillingPayload.SelfPay(rate: 30m));
        var appointment = await setup.Http.BookOneAsync(setup.Session(app.At(1, hour: 11)));
        NextDay();

        await app.RunInvoiceWorkerAsync();
        await app.RunInvoiceWorkerAsync();
        await app.RunInvoiceWorkerAsync();
        await AllAtOnceAsync(() => app.Services.IssueDueInvoicesAsync(), () => app.Services.IssueDueInvoicesAsync());

        var invoices = await (await AgainAsync(setup.Clinician)).InvoicesAsync(appointmentId: appointment.Id());
        Assert.Equal(SchedulingApi.Sorted([.. setup.Members]), ClientsOf(invoices));
    }

    [Fact]
    public async Task Issuers_RacingOnSeveralScopesTheMomentTheDayComes_IssueOneInvoicePerInvitee_Rule9()
    {
        var setup = await app.BilledGroupAsync(
            BillingPayload.SelfPay(), Insured(copay: 20m), BillingPayload.SelfPay(), Insured(copay: 10m), BillingPayload.SelfPay(rate: 25m));
        var booking = await setup.Http.BookAsync(setup.Session(app.At(1, hour: 12)) with { Recurrence = RecurrencePayload.Weekly(count: 2) });
        var tomorrow = booking.Appointments()[0].Id();
        await app.HoldInvoiceLeaseElsewhereAsync(TimeSpan.FromDays(2));
        int[] issued;
        try
        {
            NextDay();
            issued = await AllAtOnceAsync(
                () => app.Services.IssueDueInvoicesAsync(), () => app.Services.IssueDueInvoicesAsync(), () => app.Services.IssueDueInvoicesAsync());
        }
        finally
        {
            await app.ReleaseInvoiceLeaseAsync();
        }

        var invoices = await (await AgainAsync(setup.Clinician)).InvoicesAsync(appointmentId: tomorrow);
        Assert.Equal(SchedulingApi.Sorted([.. setup.Members]), ClientsOf(invoices));
        Assert.Equal(setup.Members.Count, issued.Sum());
        Assert.Empty(await (await AgainAsync(setup.Clinician)).InvoicesAsync(appointmentId: booking.Appointments()[1].Id()));
    }

    [Fact]
    public async Task Worker_ForAnInviteeRemovedBeforeTheDay_IssuesThemNoInvoiceAndTheOthersTheirs_Rule9()
    {
        var setup = await app.BilledGroupAsync(BillingPayload.SelfPay(), BillingPayload.SelfPay());
        var (staying, removed) = (setup.Members[0], setup.Members[1]);
        var appointment = await setup.Http.BookOneAsync(setup.Session(app.At(1, hour: 15)));
        var removal = await setup.Http.DeleteAsync($"/api/v1/appointments/{appointment.Id()}/invitees/{removed}", Ct);
        Assert.True(removal.IsSuccessStatusCode, await removal.Content.ReadAsStringAsync(Ct));

        NextDay();
        await app.RunInvoiceWorkerAsync();

        var invoices = await (await AgainAsync(setup.Clinician)).InvoicesAsync(appointmentId: appointment.Id());
        Assert.Equal([staying], ClientsOf(invoices));
    }

    [Fact]
    public async Task Worker_ForAFutureSessionCancelledBeforeItsDay_IssuesNoInvoice_Rule9()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        var appointment = await client.Http.BookOneAsync(client.Session(app.At(1, hour: 13)));
        var cancel = await client.Http.PostAsJsonAsync($"/api/v1/appointments/{appointment.Id()}/cancel", new { }, Ct);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        NextDay();
        await app.RunInvoiceWorkerAsync();

        Assert.Empty(await (await AgainAsync(client.Clinician)).InvoicesAsync(clientId: client.ClientId));
    }

    [Fact]
    public async Task Worker_ForASessionTwoDaysAhead_WaitsForItsDayNotJustTheNextDay_Rule9()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        var appointment = await client.Http.BookOneAsync(client.Session(app.At(2, hour: 9)));

        NextDay();
        await app.RunInvoiceWorkerAsync();
        Assert.Empty(await (await AgainAsync(client.Clinician)).InvoicesAsync(appointmentId: appointment.Id()));

        NextDay();
        await app.RunInvoiceWorkerAsync();
        Assert.Single(await (await AgainAsync(client.Clinician)).InvoicesAsync(appointmentId: appointment.Id()));
    }

    [Fact]
    public async Task Worker_OfAnInstanceStartedAfterDaysWhenNoneRan_IssuesEveryInvoiceThatCameDueMeanwhile_Rule9()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        string[] sessions =
        [
            (await client.Http.BookOneAsync(client.Session(app.At(1, hour: 9)))).Id(),
            (await client.Http.BookOneAsync(client.Session(app.At(3, hour: 9)))).Id(),
            (await client.Http.BookOneAsync(client.Session(app.At(6, hour: 9)))).Id(),
        ];
        await app.RunInvoiceWorkerAsync();

        // The app is down for a week: no instance runs the worker (the lease stands for one that never comes back).
        await app.HoldInvoiceLeaseElsewhereAsync(TimeSpan.FromDays(30));
        try
        {
            app.Time.Advance(TimeSpan.FromDays(7));
            await using var restarted = SecondInstance.Beside(app);
            await restarted.Services.IssueDueInvoicesAsync();

            var admin = await restarted.AdminAsync();
            foreach (var session in sessions)
            {
                Assert.Equal([client.ClientId], ClientsOf(await admin.InvoicesAsync(appointmentId: session)));
            }
        }
        finally
        {
            await app.ReleaseInvoiceLeaseAsync();
        }
    }

    [Fact]
    public async Task Worker_AfterAPassThatLeftNothingDue_KeepsTodayAsItsCheckpoint_Rule9()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        await client.Http.BookOneAsync(client.Session(app.At(1, hour: 8)));
        NextDay();

        await app.RunInvoiceWorkerAsync();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        var through = await db.Checkpoints.Where(c => c.Name == Checkpoint.Invoices).Select(c => c.Through).SingleAsync(Ct);
        Assert.Equal(app.Today(), through);
    }

    [Fact]
    public async Task Worker_ForASessionWhoseClientChangedBillingBeforeItsDay_PricesFromTheSettingsOnTheDay_Rule9()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        var appointment = await client.Http.BookOneAsync(client.Session(app.At(1, hour: 14)));
        var biller = await app.StaffAsync("Biller");
        var change = await biller.Client.PutAsJsonAsync($"/api/v1/clients/{client.ClientId}/billing",
            new { billing = Insured(copay: 15m), missedSessionFee = (decimal?)null }, Ct);
        Assert.True(change.IsSuccessStatusCode, await change.Content.ReadAsStringAsync(Ct));

        NextDay();
        await app.RunInvoiceWorkerAsync();

        var invoice = await (await AgainAsync(client.Clinician)).OnlyInvoiceAsync(appointment.Id());
        Assert.Equal((15.00m, 45.00m), (invoice.Money("clientOwes"), invoice.Money("payerOwes")));
    }
}

public sealed class InvoiceWorkerSqliteTests(SqliteApp app) : InvoiceWorkerTests(app), IClassFixture<SqliteApp>;

public sealed class InvoiceWorkerPostgresTests(PostgresApp app) : InvoiceWorkerTests(app), IClassFixture<PostgresApp>;
